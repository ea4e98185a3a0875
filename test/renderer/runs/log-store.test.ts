/**
 * The compact log store (renderer/src/log/log-store.ts): lines read back exactly across
 * chunk boundaries, search finds lines in sealed and open chunks without matching
 * across line ends, and memory stays bounded by dropping whole oldest chunks.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_LINES, LogStore } from '../../../renderer/src/log/log-store';

const lines = (from: number, count: number, text = (seq: number) => `line ${seq}`) =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    stream: (from + i) % 3 === 0 ? 'stderr' : 'stdout',
    text: text(from + i),
  }));

describe('LogStore', () => {
  it('returns every line with its seq, stream and text across chunk boundaries', () => {
    const store = new LogStore();
    store.append(lines(1, CHUNK_LINES + 10));
    expect(store.length).toBe(CHUNK_LINES + 10);
    for (const index of [0, 1, CHUNK_LINES - 1, CHUNK_LINES, CHUNK_LINES + 9]) {
      expect(store.lineAt(index)).toEqual({ seq: index + 1, stderr: (index + 1) % 3 === 0, text: `line ${index + 1}` });
    }
    expect(store.lineAt(CHUNK_LINES + 10)).toBeUndefined();
    expect(store.lastSeq()).toBe(CHUNK_LINES + 10);
  });

  it('searches case-insensitively in sealed and open chunks, one hit per line, never across lines', () => {
    const store = new LogStore();
    store.append(
      lines(1, CHUNK_LINES + 5, (seq) =>
        seq % 1000 === 0 ? `ERROR at ${seq} error` : seq === 7 ? 'abc' : seq === 8 ? 'def' : `ok ${seq}`,
      ),
    );
    store.append([{ seq: CHUNK_LINES + 6, stream: 'stdout', text: 'an Error late' }]);
    const hits = Array.from(store.search('error')).map((i) => store.lineAt(i)?.seq);
    expect(hits).toEqual([1000, 2000, 3000, 4000, CHUNK_LINES + 6]);
    expect(Array.from(store.search('cde'))).toEqual([]);
    expect(store.searchFrom('error', CHUNK_LINES).map((i) => store.lineAt(i)?.seq)).toEqual([CHUNK_LINES + 6]);
  });

  it('drops whole oldest chunks beyond maxLines and counts them', () => {
    const store = new LogStore({ maxLines: CHUNK_LINES * 2 });
    store.append(lines(1, CHUNK_LINES * 3 + 1));
    expect(store.length).toBeLessThanOrEqual(CHUNK_LINES * 2);
    expect(store.droppedLines).toBe(CHUNK_LINES * 2);
    expect(store.lineAt(0)?.seq).toBe(CHUNK_LINES * 2 + 1);
    expect(store.lastSeq()).toBe(CHUNK_LINES * 3 + 1);
  });

  it('notifies subscribers once per appended batch', () => {
    const store = new LogStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    store.append(lines(1, 100));
    store.append([]);
    unsubscribe();
    store.append(lines(101, 1));
    expect(calls).toBe(1);
    expect(store.getVersion()).toBe(2);
  });
});
