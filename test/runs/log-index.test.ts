/**
 * The sparse index and its file against real log files: loaded as written, rebuilt when
 * missing, extended when cut short or behind the log (a crash between the log write and
 * the index write), rebuilt when stale (entries past the end or not naming the line at
 * their offset); and the search and first-error passes over torn lines and non-UTF-8 bytes.
 */
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorRuleOf } from '../../main/runs/log/first-error.js';
import { bothCases } from '../../main/runs/log/linear-regex.js';
import { loadIndex } from '../../main/runs/log/log-index-file.js';
import { INDEX_EVERY_LINES, type SparseIndex, indexPathOf } from '../../main/runs/log/log-index.js';
import { searchLog } from '../../main/runs/log/log-search.js';
import { encodeLogLine } from '../../main/runs/run-types.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const record = (seq: number, text = `line ${seq}`) => `${encodeLogLine(seq, 't', 'stdout', text)}\n`;

async function logOf(count: number): Promise<string> {
  const path = join(await tempDir(), 'a.log');
  await writeFile(path, Array.from({ length: count }, (_, i) => record(i + 1)).join(''));
  return path;
}

async function load(path: string) {
  const handle = await open(path, 'r');
  try {
    return await loadIndex(path, handle, (await handle.stat()).size, true);
  } finally {
    await handle.close();
  }
}

/** Every entry names the line at its offset, and there is one at least every INDEX_EVERY_LINES lines. */
async function expectSound(path: string, index: SparseIndex, count: number): Promise<void> {
  const log = await readFile(path, 'utf8');
  expect(index.length).toBeGreaterThanOrEqual(Math.floor(count / INDEX_EVERY_LINES));
  for (let i = 0; i < index.length; i++) {
    const { seq, offset } = index.at(i);
    expect(log.slice(offset, offset + 20)).toContain(`{"seq":${seq},`);
  }
}

describe('the index file', () => {
  it('is rebuilt from the log when missing, saved, then loaded as it is', async () => {
    const path = await logOf(5500);
    const first = await load(path);
    expect(first.state).toBe('rebuilt');
    await expectSound(path, first.index, 5500);
    expect(first.index.seek(3210).seq).toBeLessThanOrEqual(3210);
    expect(3210 - first.index.seek(3210).seq).toBeLessThan(INDEX_EVERY_LINES);
    expect((await load(path)).state).toBe('loaded');
  });

  it('is extended when cut short (a torn last entry) or behind the log (lines written after it)', async () => {
    const path = await logOf(5500);
    const full = (await load(path)).index.encode();
    await writeFile(indexPathOf(path), full.subarray(0, full.length - 16 - 5));
    const cut = await load(path);
    expect(cut.state).toBe('extended');
    expect(cut.index.encode().equals(full)).toBe(true);
    await writeFile(path, Array.from({ length: 2000 }, (_, i) => record(5501 + i)).join(''), { flag: 'a' });
    const behind = await load(path);
    expect(behind.state).toBe('extended');
    await expectSound(path, behind.index, 7500);
    expect(behind.index.last!.seq).toBeGreaterThan(6500);
  });

  it('is rebuilt when stale after a crash: entries past the end of the log, or not naming the line found there', async () => {
    const path = await logOf(5500);
    await load(path);
    // The log was cut back (a crash mid-write, recovery) to 2500 lines: entries past its end go.
    await writeFile(path, Array.from({ length: 2500 }, (_, i) => record(i + 1)).join(''));
    const shorter = await load(path);
    expect(shorter.state).toBe('extended');
    await expectSound(path, shorter.index, 2500);
    // The log was rewritten with other line lengths: the entries point into the middle of lines.
    await writeFile(path, Array.from({ length: 2500 }, (_, i) => record(i + 1, `a longer line ${i + 1}`)).join(''));
    const stale = await load(path);
    expect(stale.state).toBe('rebuilt');
    await expectSound(path, stale.index, 2500);
  });
});

describe('search and first-error over damaged logs', () => {
  it('never matches a torn line, decodes invalid bytes as U+FFFD, and stops at maxSeq (a live run)', async () => {
    const path = join(await tempDir(), 'b.log');
    const bad = Buffer.concat([
      Buffer.from('{"seq":3,"t":"t","stream":"stdout","text":"needle \\u00e9 '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' bytes"}\n'),
    ]);
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(record(1, 'needle one')),
        Buffer.from('{"seq":2,"t":"t","stream":"stdout","text":"needle torn\n'),
        bad,
        Buffer.from(record(4, 'no match')),
        Buffer.from(record(5, 'NEEDLE five')),
        Buffer.from('{"seq":6,"t":"t","stream":"stdout","text":"needle partial'),
      ]),
    );
    const query = { q: 'needle', regex: false, caseSensitive: false, from: 1, limit: 10 };
    const all = await searchLog(path, Number.MAX_SAFE_INTEGER, query);
    expect(all.matches).toEqual([
      { seq: 1, text: 'needle one' },
      { seq: 3, text: 'needle é \ufffd\ufffd bytes' },
      { seq: 5, text: 'NEEDLE five' },
    ]);
    expect(all.total).toBe(3);
    expect((await searchLog(path, 3, query)).total).toBe(2);
    const regex = await searchLog(path, Number.MAX_SAFE_INTEGER, { ...query, q: '\ufffd+ b', regex: true });
    expect(regex.matches.map((m) => m.seq)).toEqual([3]);
  });

  it.each([
    ['src/a.ts:3:5: error TS2304: cannot find name', 'stdout', 'location'],
    ['Traceback (most recent call last):', 'stderr', 'traceback'],
    ['FAILED tests/test_x.py::test_y', 'stdout', 'fail'],
    ['--- FAIL: TestThing (0.00s)', 'stdout', 'fail'],
    ['ERROR: something broke', 'stderr', 'error'],
    ['TypeError: x is not a function', 'stderr', 'error'],
    ['make: *** [all] Error 2', 'stdout', 'error'],
    ['process exited with code 2', 'system', 'exit'],
    ['compiled with 0 errors', 'stdout', null],
    ['errors: 0', 'stdout', null],
    ['no error found', 'stdout', null],
    ['0 error', 'stdout', null],
    ['an error-free build', 'stdout', null],
    ['cc -Werror main.c', 'stdout', null],
    ['Failed to fetch (retrying)', 'stdout', null],
    ['[line 7 could not be read]', 'system', null],
    ['process exited with code 0', 'system', null],
  ] as const)('%j (%s) is %s', (text, stream, rule) => {
    expect(errorRuleOf(stream, text)).toBe(rule);
  });

  it('makes a pattern match both cases outside escapes (the linear engine has no i flag)', () => {
    expect(bothCases('ab\\d[a-c_]x{2}')).toBe('[aA][bB]\\d[a-cA-C_][xX]{2}');
    expect(new RegExp(bothCases('^Line \\d+$')).test('LINE 42')).toBe(true);
    expect(new RegExp(bothCases('\\u00e9\\p{L}'), 'u').test('\u00e9x')).toBe(true);
  });
});
