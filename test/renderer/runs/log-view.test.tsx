/**
 * The log view (renderer/src/log/log-view.tsx) over LogPages in happy-dom: a finished log
 * opens painted at its last lines, sized from the total; stderr lines carry a mark with an
 * accessible name and no error colour; a `\r` line shows the text after the last carriage
 * return; a row whose page is not loaded is a placeholder and asks for its page; going to
 * a line paints it and stops following.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { useState, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, LogPage } from '../../../renderer/src/api/runs';
import { LogPages } from '../../../renderer/src/log/log-pages';
import { LogView, type ScrollTarget } from '../../../renderer/src/log/log-view';
import { MAX_SCROLL_PX, ROW_HEIGHT } from '../../../renderer/src/log/viewport';

afterEach(cleanup);

const TOTAL = 100_000;
function textOf(seq: number): string {
  if (seq === TOTAL - 1) return 'progress 10%\rprogress 55%\rprogress 100%\r';
  return `line ${seq}`;
}
const lineOf = (seq: number): LogLine => ({ seq, t: '', stream: seq % 2 ? 'stdout' : 'stderr', text: textOf(seq) });

function tailPages(total = TOTAL) {
  const requested: number[] = [];
  const pages = new LogPages({
    pageSize: 100,
    fetchPage: async (from, limit) => {
      requested.push(from);
      const lines = Array.from({ length: Math.min(limit, total - from + 1) }, (_, i) => lineOf(from + i));
      return { lines, nextFrom: from + lines.length, done: true, skipped: 0, total } satisfies LogPage;
    },
  });
  const tail = Array.from({ length: 200 }, (_, i) => lineOf(total - 199 + i));
  pages.accept({ lines: tail, nextFrom: total + 1, done: true, skipped: 0, total });
  return { pages, requested };
}

/** The view as LogPanel holds it: `following` is state the view turns off, the version follows the pages. */
function Harness({ pages, target }: { pages: LogPages; target: ScrollTarget | null }) {
  const [following, setFollowing] = useState(true);
  const version = useSyncExternalStore(pages.subscribe, pages.getVersion);
  return (
    <div data-following={following}>
      <LogView
        pages={pages}
        version={version}
        highlight=""
        currentSeq={target?.seq ?? null}
        target={target}
        following={following}
        onFollowingChange={setFollowing}
        label="Run log"
      />
    </div>
  );
}

function view(pages: LogPages, target: ScrollTarget | null = null) {
  return render(<Harness pages={pages} target={target} />);
}

const seqs = (container: HTMLElement) =>
  Array.from(container.querySelectorAll<HTMLElement>('[data-seq]')).map((row) => Number(row.dataset.seq));

describe('log view', () => {
  it('opens painted at the last lines, its height spanning the whole log', () => {
    const { pages, requested } = tailPages();
    const { container } = view(pages);
    expect(seqs(container)).toContain(TOTAL);
    expect(Math.max(...seqs(container))).toBe(TOTAL);
    expect(container.querySelectorAll('[data-pending]')).toHaveLength(0);
    const sizer = container.querySelector<HTMLElement>('.log-view__sizer');
    expect(sizer?.style.height).toBe(`${TOTAL * ROW_HEIGHT}px`);
    expect(requested).toEqual([]);
  });

  it('caps the scrolled height for a 10M-line log and still paints the last line', () => {
    const { pages } = tailPages(10_000_000);
    const { container } = view(pages);
    expect(container.querySelector<HTMLElement>('.log-view__sizer')?.style.height).toBe(`${MAX_SCROLL_PX}px`);
    expect(Math.max(...seqs(container))).toBe(10_000_000);
  });

  it('marks stderr lines with an accessible name, without the error colour', () => {
    const { pages } = tailPages();
    const { container } = view(pages);
    const stderrRows = Array.from(container.querySelectorAll<HTMLElement>('[data-stream="stderr"]'));
    const stdoutRows = Array.from(container.querySelectorAll<HTMLElement>('[data-stream="stdout"]'));
    expect(stderrRows.length).toBeGreaterThan(10);
    for (const row of stderrRows) expect(within(row).getByRole('img', { name: 'stderr' })).toBeTruthy();
    for (const row of stdoutRows) expect(within(row).queryByRole('img', { name: 'stderr' })).toBeNull();
    expect(screen.getAllByRole('img', { name: 'stderr' })).toHaveLength(stderrRows.length);
    expect(container.querySelector('[class*="danger"], [class*="error"]')).toBeNull();
  });

  it('shows a carriage-return line as a terminal would', () => {
    const { pages } = tailPages();
    const { container } = view(pages);
    const row = container.querySelector(`[data-seq="${TOTAL - 1}"] .log-line__text`);
    expect(row?.textContent).toBe('progress 100%');
    expect(pages.lineAt(TOTAL - 1)?.text).toBe('progress 10%\rprogress 55%\rprogress 100%\r');
  });

  it('goes to a line: placeholders first, then the fetched page painted, following stopped', async () => {
    const { pages, requested } = tailPages();
    const { container } = view(pages, { seq: 5_000, nonce: 1 });
    expect(container.querySelector('[data-following]')?.getAttribute('data-following')).toBe('false');
    expect(container.querySelector('[data-pending="5000"]')).not.toBeNull();
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(requested).toContain(4901);
    expect(seqs(container)).toContain(5_000);
    expect(container.querySelector('[data-seq="5000"]')?.classList.contains('log-line--current')).toBe(true);
    expect(seqs(container)).not.toContain(TOTAL);
  });

  it('moves a capped 10M-line log by rows, not pixels, on the wheel, and stops following', () => {
    const { pages } = tailPages(10_000_000);
    const { container } = view(pages);
    const before = Math.min(...seqs(container));
    const log = screen.getByRole('log', { name: 'Run log' });
    act(() => {
      log.dispatchEvent(new WheelEvent('wheel', { deltaY: -10 * ROW_HEIGHT, bubbles: true, cancelable: true }));
    });
    expect(container.querySelector('[data-following]')?.getAttribute('data-following')).toBe('false');
    const rows = Array.from(container.querySelectorAll<HTMLElement>('[data-seq], [data-pending]')).map((row) =>
      Number(row.dataset.seq ?? row.dataset.pending),
    );
    expect(Math.min(...rows)).toBe(before - 10);
  });
});
