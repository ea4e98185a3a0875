/**
 * In-page probes of the run view's log for the UI benches (run in Chromium through
 * page.evaluate): random scrollbar jumps timed until the top row is painted with its text,
 * an end-to-end scroll that waits at each step until no row is a placeholder, and the JS
 * heap after GC. They read the view from the outside only: data-testid="log-view", the
 * rows' data-seq, 18 px rows.
 */
/* global document, requestAnimationFrame -- used inside page.evaluate callbacks, which run in Chromium */

export /** Sets scrollTop to random positions and times each until the top row in view is painted (not a placeholder). */
async function randomJumps(page, total, samples) {
  return page.evaluate(
    async ({ total, samples }) => {
      const view = document.querySelector('[data-testid="log-view"]');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const out = [];
      for (let i = 0; i < samples; i++) {
        const maxScroll = view.scrollHeight - view.clientHeight;
        const maxTop = total - view.clientHeight / 18;
        const scrollTop = Math.floor(Math.random() * maxScroll);
        const seq = Math.floor((scrollTop / maxScroll) * maxTop) + 2;
        const t0 = performance.now();
        view.scrollTop = scrollTop;
        const painted = () => view.querySelector(`[data-seq="${seq}"] .log-line__text`)?.textContent;
        for (let f = 0; f < 600 && !painted(); f++) await frame();
        await frame();
        out.push({ ms: performance.now() - t0, found: Boolean(painted()) });
        await new Promise((r) => setTimeout(r, 30));
      }
      return out;
    },
    { total, samples },
  );
}

/** Scrolls from the top to the bottom in `steps` jumps, each painted, then back at the end. */
export async function scrollEndToEnd(page, steps) {
  return page.evaluate(async (steps) => {
    const view = document.querySelector('[data-testid="log-view"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    let missing = 0;
    for (let i = 0; i <= steps; i++) {
      view.scrollTop = ((view.scrollHeight - view.clientHeight) * i) / steps;
      let f = 0;
      for (; f < 600 && view.querySelector('[data-pending]'); f++) await frame();
      if (f === 600) missing++;
      await frame();
    }
    return missing;
  }, steps);
}

/** The page's JS heap after a forced GC (CDP session with Performance enabled), bytes. */
export async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}
