/**
 * The page store of the log view (renderer/src/log/log-pages.ts): pages are fetched only
 * for the rows in view, never twice while loading, at most `maxPages` are kept (least
 * recently used evicted), requests for pages scrolled away are aborted, skipped seqs read
 * as unreadable, and live lines land in the same pages.
 */
import { describe, expect, it } from 'vitest';
import type { LogLine, LogPage } from '../../../renderer/src/api/runs';
import { LogPages, UNREADABLE_TEXT } from '../../../renderer/src/log/log-pages';

const TOTAL = 10_000;
const line = (seq: number): LogLine => ({ seq, t: '', stream: seq % 3 ? 'stdout' : 'stderr', text: `line ${seq}` });

function server(total = TOTAL, skip: Set<number> = new Set()) {
  const requests: Array<{ from: number; limit: number; signal: AbortSignal; resolve: () => void }> = [];
  const fetchPage = (from: number, limit: number, signal: AbortSignal) =>
    new Promise<LogPage>((resolve) => {
      const answer = () => {
        const lines: LogLine[] = [];
        for (let seq = from; seq < from + limit && seq <= total; seq += 1) if (!skip.has(seq)) lines.push(line(seq));
        const nextFrom = Math.min(from + limit, total + 1);
        resolve({ lines, nextFrom, done: nextFrom > total, skipped: limit - lines.length, total });
      };
      requests.push({ from, limit, signal, resolve: answer });
    });
  const answerAll = async () => {
    while (requests.length > 0) {
      requests.splice(0).forEach((r) => r.resolve());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { requests, fetchPage, answerAll };
}

describe('log pages', () => {
  it('fetches only the pages of the rows in view, once each', async () => {
    const s = server();
    const pages = new LogPages({ fetchPage: s.fetchPage, pageSize: 100, maxPages: 4 });
    pages.accept({ lines: [line(TOTAL)], nextFrom: TOTAL + 1, done: true, skipped: 0, total: TOTAL });
    pages.want(250, 310);
    pages.want(250, 310);
    expect(s.requests.map((r) => r.from)).toEqual([201, 301]);
    await s.answerAll();
    expect(pages.lineAt(250)?.text).toBe('line 250');
    expect(pages.lineAt(310)?.text).toBe('line 310');
    expect(pages.lineAt(401)).toBeUndefined();
    expect(pages.linesFetched).toBe(200);
    pages.want(250, 310);
    expect(s.requests).toHaveLength(0);
  });

  it('keeps at most maxPages pages, evicting the least recently used', async () => {
    const s = server();
    const pages = new LogPages({ fetchPage: s.fetchPage, pageSize: 100, maxPages: 3, maxInFlight: 10 });
    pages.accept({ lines: [], nextFrom: 1, done: false, skipped: 0, total: TOTAL });
    for (const start of [1, 101, 201]) {
      pages.want(start, start + 10);
      await s.answerAll();
    }
    pages.want(5, 6); // page 0 used again: page 1 is now the oldest
    pages.want(901, 910);
    await s.answerAll();
    expect(pages.pageCount).toBe(3);
    expect(pages.lineAt(5)?.text).toBe('line 5');
    expect(pages.lineAt(150)).toBeUndefined();
    expect(pages.lineAt(250)?.text).toBe('line 250');
    expect(pages.lineAt(905)?.text).toBe('line 905');
  });

  it('stays bounded while scrolled end to end through a large log', async () => {
    const s = server(1_000_000);
    const pages = new LogPages({ fetchPage: s.fetchPage, pageSize: 1000, maxPages: 8, maxInFlight: 10 });
    pages.accept({ lines: [], nextFrom: 1, done: true, skipped: 0, total: 1_000_000 });
    for (let seq = 1; seq <= 1_000_000; seq += 25_000) {
      pages.want(seq, seq + 50);
      await s.answerAll();
      expect(pages.lineAt(seq)?.seq).toBe(seq);
    }
    expect(pages.pageCount).toBeLessThanOrEqual(8);
  });

  it('aborts a request for pages that left the view', () => {
    const s = server();
    const pages = new LogPages({ fetchPage: s.fetchPage, pageSize: 100 });
    pages.accept({ lines: [], nextFrom: 1, done: false, skipped: 0, total: TOTAL });
    pages.want(1, 50);
    const first = s.requests[0]!;
    pages.want(5001, 5050);
    expect(first.signal.aborted).toBe(true);
    expect(s.requests.at(-1)?.from).toBe(5001);
  });

  it('shows a seq the server skipped as unreadable instead of asking for it again', async () => {
    const s = server(300, new Set([150]));
    const pages = new LogPages({ fetchPage: s.fetchPage, pageSize: 100 });
    pages.accept({ lines: [], nextFrom: 1, done: true, skipped: 0, total: 300 });
    pages.want(140, 160);
    await s.answerAll();
    expect(pages.lineAt(150)).toMatchObject({ seq: 150, stream: 'system', text: UNREADABLE_TEXT });
    pages.want(140, 160);
    expect(s.requests).toHaveLength(0);
  });

  it('takes live lines into its pages and grows the total', () => {
    const s = server();
    const pages = new LogPages({ fetchPage: s.fetchPage, pageSize: 100, maxPages: 2 });
    pages.accept({ lines: [line(1), line(2)], nextFrom: 3, done: false, skipped: 0, total: 2 });
    let bumps = 0;
    pages.subscribe(() => (bumps += 1));
    const batch = Array.from({ length: 500 }, (_, i) => line(i + 3));
    pages.append(batch);
    expect(bumps).toBe(1);
    expect(pages.total).toBe(502);
    expect(pages.lineAt(502)?.text).toBe('line 502');
    expect(pages.pageCount).toBe(2);
    expect(pages.lineAt(1)).toBeUndefined();
  });
});
