import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../electron/notifications.js';
import type { BudgetNoticeStore } from '../../electron/shell-types.js';
import { manualClock, recordingLogger, run, status } from './fakes.js';

function setup(store: BudgetNoticeStore = memoryStore()) {
  const clock = manualClock();
  const shown: { title: string; body: string; click: () => void }[] = [];
  const opened: string[] = [];
  const notifier = createNotifier({
    clock,
    store,
    logger: recordingLogger(),
    productName: 'Attune Ops',
    minIntervalMs: 10_000,
    openPath: (path) => opened.push(path),
    notify: ({ title, body }) => {
      const entry: { title: string; body: string; click: () => void } = { title, body, click: () => undefined };
      return { show: () => void shown.push(entry), onClick: (listener) => void (entry.click = listener) };
    },
  });
  const finishedAt = (offsetMs: number) => new Date(clock.now() + offsetMs).toISOString();
  return { clock, shown, opened, notifier, finishedAt, store };
}

function memoryStore(initial: Record<string, number[]> = {}): BudgetNoticeStore & { value: Record<string, number[]> } {
  const box = { value: initial };
  return Object.assign(box, {
    get: () => box.value,
    set: async (value: Record<string, number[]>) => void (box.value = value),
  });
}

describe('run notifications', () => {
  it('announces a finished run once and opens it on click', () => {
    const { shown, opened, notifier, finishedAt } = setup();
    const done = run('r1', 'failed', { workflow: 'lint', finishedAt: finishedAt(1) });
    notifier.onStatus(status({ lastFinished: done }));
    notifier.onStatus(status({ lastFinished: done, overall: 'error' }));
    expect(shown.map((n) => n.title)).toEqual(['lint failed']);
    shown[0]!.click();
    expect(opened).toEqual(['/runs/r1']);
  });

  it('never replays runs that finished before the shell started, nor cancelled ones', () => {
    const { shown, notifier, finishedAt } = setup();
    notifier.onStatus(status({ lastFinished: run('old', 'succeeded', { finishedAt: finishedAt(-60_000) }) }));
    notifier.onStatus(status({ lastFinished: run('c', 'cancelled', { finishedAt: finishedAt(5) }) }));
    expect(shown).toEqual([]);
  });

  it('throttles: runs inside the interval fold into one summary shown when it ends', () => {
    const { shown, opened, notifier, finishedAt, clock } = setup();
    notifier.onStatus(status({ lastFinished: run('a', 'succeeded', { finishedAt: finishedAt(1) }) }));
    clock.advance(1000);
    notifier.onStatus(status({ lastFinished: run('b', 'failed', { finishedAt: finishedAt(1) }) }));
    clock.advance(1000);
    notifier.onStatus(status({ lastFinished: run('c', 'succeeded', { finishedAt: finishedAt(1) }) }));
    expect(shown).toHaveLength(1);
    clock.advance(7_999);
    expect(shown).toHaveLength(1);
    clock.advance(1);
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      ['test finished', 'test succeeded.'],
      ['2 runs finished', '1 of them did not succeed.'],
    ]);
    shown[1]!.click();
    expect(opened).toEqual(['/runs']);
    clock.advance(10_000);
    notifier.onStatus(status({ lastFinished: run('d', 'timed_out', { finishedAt: finishedAt(1) }) }));
    expect(shown.at(-1)!.title).toBe('test timed out');
  });

  it('shows a single held run as itself, not as a summary', () => {
    const { shown, notifier, finishedAt, clock } = setup();
    notifier.onStatus(status({ lastFinished: run('a', 'succeeded', { finishedAt: finishedAt(1) }) }));
    notifier.onStatus(status({ lastFinished: run('b', 'failed', { workflow: 'e2e', finishedAt: finishedAt(1) }) }));
    clock.advance(10_000);
    expect(shown.map((n) => n.title)).toEqual(['test finished', 'e2e failed']);
  });
});

describe('budget notifications', () => {
  it('announces each threshold once per month, only the highest when several are crossed at once', async () => {
    const store = memoryStore();
    const { shown, notifier } = setup(store);
    notifier.onStatus(status({ costs: { budgetPct: 85, monthToDateUsd: 850 } }));
    notifier.onStatus(status({ costs: { budgetPct: 90, monthToDateUsd: 900 } }));
    expect(shown.map((n) => n.title)).toEqual(['Budget 80% reached']);
    expect(shown[0]!.body).toContain('$850.00');
    notifier.onStatus(status({ costs: { budgetPct: 101 } }));
    expect(shown.map((n) => n.title)).toEqual(['Budget 80% reached', 'Budget 100% reached']);
    expect(store.value).toEqual({ '2026-11': [50, 80, 100] });
  });

  it('remembers across launches and starts over in a new month', () => {
    const store = memoryStore({ '2026-11': [50, 80] });
    const first = setup(store);
    first.notifier.onStatus(status({ costs: { budgetPct: 95 } }));
    expect(first.shown).toEqual([]);
    first.clock.advance(8 * 24 * 3600 * 1000);
    first.notifier.onStatus(status({ costs: { budgetPct: 60 } }));
    expect(first.shown.map((n) => n.title)).toEqual(['Budget 50% reached']);
    expect(Object.keys(store.value)).toEqual(['2026-12']);
  });

  it('stays quiet without a budget', () => {
    const { shown, notifier } = setup();
    notifier.onStatus(status({ costs: { budgetPct: null, monthToDateUsd: 99999 } }));
    expect(shown).toEqual([]);
  });
});
