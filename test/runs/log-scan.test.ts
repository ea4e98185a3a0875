/**
 * The search pass over a real file (log-scan.ts through log-search.ts) past its 8 MiB reads
 * and 64 KiB decoded slices: every match is found once and in order (a count that differs
 * by one means a line lost or doubled at a cut), case-insensitively also for non-ASCII
 * letters, in lines with invalid UTF-8 bytes, in a line longer than a slice, never in a
 * torn line, a duplicate seq, a line past maxSeq or a last line without its newline.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { searchLog, type SearchQuery } from '../../main/runs/log/log-search.js';
import { encodeLogLine } from '../../main/runs/run-types.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const T = '2026-12-02T10:00:00.000Z';
const COUNT = 120_000;

function text(seq: number): string {
  if (seq === 5000) return `${'w'.repeat(100 * 1024)} needle in a long line ${seq}`;
  if (seq % 7000 === 0) return `Ünïcödé ${seq} NEEDLE ${'é'.repeat(seq % 50)}`;
  return `${seq % 1000 === 0 ? 'needle' : 'line'} ${seq} ${'z'.repeat(seq % 40)}`;
}

async function logFile(): Promise<{ path: string; expected: number[] }> {
  const parts: Buffer[] = [];
  const expected: number[] = [];
  for (let seq = 1; seq <= COUNT; seq++) {
    let line = Buffer.from(`${encodeLogLine(seq, T, 'stdout', text(seq))}\n`);
    if (seq === 3000) line = Buffer.from(line.toString().slice(0, 30)); // torn, glued to the next line's start
    if (seq === 9000) {
      const body = line.indexOf('"text":"') + 8; // invalid UTF-8 bytes at the start of the text
      line = Buffer.concat([line.subarray(0, body), Buffer.from([0xff, 0xfe]), line.subarray(body)]);
    }
    parts.push(line);
    if (seq === 60_000) parts.push(line); // a duplicate of seq 60000
    if (seq !== 3000 && /needle/i.test(text(seq))) expected.push(seq);
  }
  parts.push(Buffer.from(encodeLogLine(COUNT + 1, T, 'stdout', 'needle not whole yet')));
  const path = join(await tempDir('attune-scan-'), 'run.log');
  await writeFile(path, Buffer.concat(parts));
  return { path, expected };
}

const query = (q: string, more: Partial<SearchQuery> = {}): SearchQuery => ({
  q,
  regex: false,
  caseSensitive: false,
  from: 0,
  limit: 100_000,
  ...more,
});

describe('searchLog over a file of many reads', () => {
  it('finds every match once, in order, and only readable lines up to maxSeq', async () => {
    const { path, expected } = await logFile();
    expect(expected).toContain(9000);
    const all = await searchLog(path, COUNT + 1, query('NeEdLe'));
    expect(all.matches.map((m) => m.seq)).toEqual(expected);
    expect(all.total).toBe(expected.length);
    expect(all.truncated).toBe(false);
    expect(all.matches.find((m) => m.seq === 5000)!.text).toBe(text(5000));
    expect(all.matches.find((m) => m.seq === 9000)!.text).toContain('\uFFFD');
    const regex = await searchLog(path, COUNT + 1, query('n[e]+dle', { regex: true }));
    expect(regex.matches.map((m) => m.seq)).toEqual(expected);
    const every = await searchLog(path, COUNT + 1, query('\\d', { regex: true, limit: 0 }));
    expect(every.total).toBe(COUNT - 1); // every text holds its seq; all but the torn one
    const upTo = await searchLog(path, 70_000, query('needle'));
    expect(upTo.matches.map((m) => m.seq)).toEqual(expected.filter((seq) => seq <= 70_000));
  });

  it('matches non-ASCII letters in either case', async () => {
    const { path } = await logFile();
    const folded = await searchLog(path, COUNT + 1, query('üNÏCÖDÉ'));
    const sevens = Array.from({ length: Math.floor(COUNT / 7000) }, (_, i) => (i + 1) * 7000);
    expect(folded.matches.map((m) => m.seq)).toEqual(sevens);
    expect(folded.matches[0]!.text).toBe(text(7000));
    const exact = await searchLog(path, COUNT + 1, query('üNÏCÖDÉ', { caseSensitive: true }));
    expect(exact.total).toBe(0);
  });
});
