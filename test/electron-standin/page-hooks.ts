/**
 * Page-side hooks installed in every stand-in window before the page runs: the
 * clipboard write goes through the session's permission handlers (as Electron asks
 * them for `clipboard-sanitized-write`), and `window.open` / target=_blank links go
 * through the window-open handler instead of creating a window.
 */
export const PAGE_HOOKS_SCRIPT = `(() => {
  const ask = window.__standinPermission;
  const write = window.__standinClipboard;
  const open = window.__standinWindowOpen;
  delete window.__standinPermission;
  delete window.__standinClipboard;
  delete window.__standinWindowOpen;
  if (navigator.clipboard) {
    Object.defineProperty(navigator.clipboard, 'writeText', {
      value: async (text) => {
        if (!(await ask('clipboard-sanitized-write'))) throw new DOMException('Write permission denied.', 'NotAllowedError');
        await write(String(text));
      },
    });
  }
  window.open = (url) => { void open(new URL(String(url), location.href).href); return null; };
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[target=_blank]') : null;
    if (!link) return;
    event.preventDefault();
    void open(link.href);
  }, true);
})();`;
