/**
 * The file reader (log-reader.ts) over real files: lines cut by its 256 KB reads, and lines
 * longer than a read (its buffer grows), come out whole and in order, with a torn line
 * around them still a placeholder, read in one page or in many small ones.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFileReader } from '../../main/runs/log/log-reader.js';
import { encodeLogLine } from '../../main/runs/run-types.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const T = '2026-12-02T10:00:00.000Z';
const texts = [
  'first',
  'x'.repeat(300 * 1024),
  'é'.repeat(200 * 1024),
  'short',
  'y'.repeat(1024 * 1024 + 17),
  ...Array.from({ length: 5000 }, (_, i) => `line ${i} ${'z'.repeat(i % 97)}`),
];

async function logFile(): Promise<string> {
  const lines = texts.map((text, i) => encodeLogLine(i + 1, T, 'stdout', text));
  // A torn line (cut mid-write) where seq 4 was: it becomes a placeholder, the rest stays whole.
  lines[3] = lines[3]!.slice(0, 20);
  const path = join(await tempDir('attune-reader-'), 'run.log');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function readAll(path: string, limits: { maxLines: number; maxChars: number }): Promise<string[]> {
  const reader = new LogFileReader(path);
  const out: string[] = [];
  try {
    for (let from = 1; ;) {
      const page = await reader.read(from, limits);
      if (page.lines.length === 0) return out;
      out.push(...page.lines);
      from = page.nextSeq;
    }
  } finally {
    await reader.close();
  }
}

describe('LogFileReader', () => {
  it.each([
    ['one page', { maxLines: 100_000, maxChars: 64 * 1024 * 1024 }],
    ['pages of 7 lines', { maxLines: 7, maxChars: 64 * 1024 * 1024 }],
    ['pages of about 100 KB', { maxLines: 100_000, maxChars: 100 * 1024 }],
  ])('gives every line whole, long ones included, in %s', async (_, limits) => {
    const lines = await readAll(await logFile(), limits);
    expect(lines).toHaveLength(texts.length);
    const decoded = lines.map((line) => JSON.parse(line) as { seq: number; stream: string; text: string });
    expect(decoded.map((line) => line.seq)).toEqual(texts.map((_, i) => i + 1));
    expect(decoded[3]).toMatchObject({ stream: 'system', text: '[line 4 could not be read]' });
    for (const [i, text] of texts.entries()) if (i !== 3) expect(decoded[i]!.text).toBe(text);
  });
});
