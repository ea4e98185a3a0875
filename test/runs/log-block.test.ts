/**
 * Batched event encoding: a block of encoded lines becomes `line` events in one pass, and
 * the window hands out batches of whole events. A batch boundary never splits an event,
 * and a client resuming at any seq (start, mid-block, block edge, the last line) gets the
 * lines from exactly there on: seqs gap-free, none twice, the same as one event per line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { encodeLines, linesToEvents, recordsToEvents } from '../../main/runs/log/log-block.js';
import { BLOCK_LINES, RunOutput } from '../../main/runs/log/run-output.js';
import { encodeLogLine, type LogLine } from '../../main/runs/run-types.js';
import { formatEvent } from '../../main/server/sse.js';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const T = '2026-11-24T07:01:02.345Z';
const awkward = [
  'plain',
  'with "quotes" and \\ backslash',
  'tab\there',
  'cr\rinside',
  '{"seq":99,"t":"x"}',
  'line\u2028sep',
  'emoji 😀',
  '',
  'ctl \u0001',
];

/** The `line` events of a stream text, parsed the way an EventSource would. */
function parseEvents(text: string): Array<{ id: number; line: LogLine }> {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((block) => {
      const fields = block.split('\n');
      expect(fields[1]).toBe('event: line');
      expect(fields).toHaveLength(3);
      return {
        id: Number(fields[0]!.slice('id: '.length)),
        line: JSON.parse(fields[2]!.slice('data: '.length)) as LogLine,
      };
    });
}

describe('encodeLines / recordsToEvents', () => {
  it('encode exactly like one encodeLogLine per line, and events exactly like formatEvent per line', () => {
    const file = encodeLines(7, T, 'stderr', awkward);
    expect(file).toBe(awkward.map((text, i) => `${encodeLogLine(7 + i, T, 'stderr', text)}\n`).join(''));
    const expected = awkward
      .map((text, i) => formatEvent({ id: 7 + i, event: 'line', data: encodeLogLine(7 + i, T, 'stderr', text) }))
      .join('');
    const events = recordsToEvents(Buffer.from(file)).toString('utf8');
    expect(events).toBe(expected);
    expect(parseEvents(events).map((e) => e.line.text)).toEqual(awkward);
  });

  it('linesToEvents gives the same bytes as recordsToEvents of those lines (a page read from the file)', () => {
    const lines = awkward.map((text, i) => encodeLogLine(41 + i, T, 'stdout', text));
    const viaRecords = recordsToEvents(Buffer.from(lines.map((line) => `${line}\n`).join('')));
    expect(linesToEvents(41, lines).equals(viaRecords)).toBe(true);
    expect(linesToEvents(1, []).length).toBe(0);
  });
});

describe('RunOutput.read', () => {
  async function outputWith(lines: number): Promise<RunOutput> {
    const output = new RunOutput({
      logPath: join(await tempDir(), 'x.log'),
      onPressure: () => undefined,
      onError: (e) => {
        throw e;
      },
    });
    const texts = Array.from({ length: lines }, (_, i) => `${awkward[i % awkward.length]} #${i + 1}`);
    for (let i = 0; i < texts.length; i += 700) output.append('stdout', texts.slice(i, i + 700), T);
    // Readers are shown only what is on disk.
    await output.writer.flush();
    return output;
  }

  it('resuming at any seq, in small batches, yields every later line once, in order, as whole records', async () => {
    const total = BLOCK_LINES * 3 + 500;
    const output = await outputWith(total);
    for (const from of [1, 2, BLOCK_LINES, BLOCK_LINES + 1, BLOCK_LINES + 17, 700, 701, total - 1, total]) {
      const seen: number[] = [];
      let next = from;
      for (;;) {
        const page = output.read(next, 1000, 300);
        if (page.kind !== 'records') throw new Error(`behind at ${next}`);
        if (page.count === 0) break;
        expect(page.count).toBeLessThanOrEqual(300);
        const text = Buffer.concat(page.parts).toString('utf8');
        expect(text.endsWith('\n')).toBe(true);
        const got = text
          .slice(0, -1)
          .split('\n')
          .map((line) => (JSON.parse(line) as { seq: number }).seq);
        expect(got).toHaveLength(page.count);
        // The same lines as events, sliced from the window's events: exactly the records framed.
        const events = output.read(next, 1000, 300, 'events');
        expect(events).toMatchObject({ kind: 'records', form: 'events', count: page.count, nextSeq: page.nextSeq });
        if (events.kind === 'records')
          expect(Buffer.concat(events.parts).equals(recordsToEvents(Buffer.concat(page.parts)))).toBe(true);
        seen.push(...got);
        expect(page.nextSeq).toBe(got[got.length - 1]! + 1);
        next = page.nextSeq;
      }
      expect(seen).toEqual(Array.from({ length: total - from + 1 }, (_, i) => from + i));
    }
    await output.finish();
  });

  it('a resume past the last line waits instead of repeating anything', async () => {
    const output = await outputWith(10);
    expect(output.read(11, 1000)).toEqual({
      kind: 'records',
      form: 'records',
      parts: [],
      count: 0,
      nextSeq: 11,
    });
    await output.finish();
  });
});
