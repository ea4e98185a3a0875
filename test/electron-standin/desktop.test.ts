/**
 * The desktop app run as Electron runs it: the compiled composition root (package.json
 * `main`) in plain Node against the stand-in Electron, each window a real headless
 * Chromium page, once per platform branch. Needs `npm run build` (npm test builds first).
 * Each platform: a first launch (console, bridge, clipboard, tray, notification click,
 * close/second instance/Dock, Open in browser, start at login, quit during a run) and a
 * restart (start at login read back; on Windows a log-off during a run).
 */
import { describe, expect, it } from 'vitest';
import { setupDesktop, startRun, waitForRun, type Platform } from './scenario.js';

const PAINTED = `document.querySelector('header') !== null`;

describe.each(['linux', 'win32', 'darwin'] as const satisfies readonly Platform[])('desktop app on %s', (platform) => {
  it('runs the console, tray and quit as the documented Electron rules allow', { timeout: 180_000 }, async () => {
    const setup = await setupDesktop(platform);
    const desktop = setup.launch();
    let state = await desktop.waitFor(PAINTED);
    console.log(`[${platform}] main() to console painted: ${Math.round(state.uptimeMs)} ms`);

    // Identity, console URL without the token, the cookie, the bridge, CSP, the app menu.
    expect(state.name).toBe('Attune Ops');
    expect(state.windows[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const cookie = state.cookies.find((c) => c.name.startsWith('attune_ops_session_'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await desktop.evaluate('document.cookie')).toBe('');
    expect(await desktop.evaluate('Object.keys(window.attuneDesktop).sort()')).toEqual([
      'appVersion',
      'isDesktop',
      'onTrayCommand',
      'openExternal',
      'openProject',
    ]);
    expect(state.records.documentHeaders?.['Content-Security-Policy']).toContain("script-src 'self'");
    if (platform === 'darwin')
      expect(state.applicationMenu?.map((m) => m.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    else expect(state.records.applicationMenu).toBe('none');
    if (platform === 'win32') expect(state.records.presenterAppId).toBe('dev.attune.ops');

    // Copy in the log panel: the clipboard write is allowed on the console's origin.
    expect(await desktop.evaluate(`navigator.clipboard.writeText('copied').then(() => 'ok', (e) => e.name)`)).toBe(
      'ok',
    );
    expect((await desktop.state()).records.clipboard).toBe('copied');

    // A finished run's notification opens that run.
    const lintId = await startRun(desktop, 'lint');
    state = await waitForRun(desktop, (s) =>
      s.records.notifications.some((n) => n.shown && n.title.startsWith('lint')),
    );
    await desktop.send('notification-click', {
      index: state.records.notifications.findIndex((n) => n.title.startsWith('lint')),
    });
    await desktop.waitFor(`location.pathname === '/runs/${lintId}'`);

    // Close hides to the tray; a second instance exits and brings the window back.
    await desktop.send('window-close');
    expect((await desktop.state()).windows[0]).toMatchObject({ visible: false, destroyed: false });
    const second = setup.launch();
    expect((await second.exited).code).toBe(0);
    await until(async () => (await desktop.state()).windows[0]?.visible === true);
    if (platform === 'darwin') {
      await desktop.send('window-close');
      await desktop.send('activate');
      expect((await desktop.state()).windows[0]?.visible).toBe(true);
    }

    // Open in browser never hands the launch token to the browser.
    await desktop.send('tray-click', { path: ['Open in browser'] });
    await until(async () => {
      const records = (await desktop.state()).records;
      return records.openedExternally.length > 0 || records.events.some((e) => e.startsWith('message-box'));
    });
    for (const url of (await desktop.state()).records.openedExternally) {
      expect(url).not.toContain('token=');
      expect(url).toMatch(/\/\?login=/);
    }

    // Start at login, then a long run shown by the tray, then quit while it runs.
    await desktop.send('tray-click', { path: ['Start at login'] });
    const runId = await startRun(desktop, 'long-build');
    await until(async () => (await desktop.state()).tray?.menu.some((m) => m.label === 'Running runs (1)') === true);
    expect((await desktop.state()).tray?.image).toMatch(/running/);
    const quitAt = Date.now();
    await desktop.send('quit');
    const exit = await desktop.exited;
    const quitMs = (desktop.exitReportedAt ?? Date.now()) - quitAt;
    console.log(`[${platform}] quit with a run in progress and the console open: ${quitMs} ms`);
    expect(exit.code).toBe(0);
    const order = ['before-quit', 'window-close', 'will-quit', 'quit', 'exit:0'];
    const seen = exit.state?.records.events.filter((e) => order.includes(e)) ?? [];
    expect(seen.slice(0, 3)).toEqual(['before-quit', 'window-close', 'will-quit']);
    expect(seen.slice(-2)).toEqual(['quit', 'exit:0']);
    expect(setup.runStatus(runId)).toBe('cancelled');
    expect(quitMs).toBeLessThan(3000);

    // Restart: start at login reads back as set (the tray checkbox).
    const again = setup.launch({ STANDIN_OPENED_AT_LOGIN: platform === 'darwin' ? '1' : '' });
    await again.waitFor(PAINTED);
    // The tray menu is built after the window paints: wait for the item, then read its tick.
    await until(async () => (await again.state()).tray?.menu.some((m) => m.label === 'Start at login') === true);
    state = await again.state();
    const login = state.tray?.menu.find((m) => m.label === 'Start at login');
    expect(login?.checked).toBe(true);
    if (platform === 'darwin') expect(state.windows[0]?.visible).toBe(false);
    if (platform === 'win32') {
      const loggedOff = await startRun(again, 'long-build');
      await again.send('session-end', { killAfterMs: 4000 });
      await again.exited;
      expect(setup.runStatus(loggedOff)).toBe('cancelled');
    } else {
      await again.send('quit');
      expect((await again.exited).code).toBe(0);
    }
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
