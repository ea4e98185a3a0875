/**
 * The WebAssembly line encoder against the string encoder it stands in for: for any
 * bytes the splitter can hand it (whole lines, valid UTF-8), the log records and `line`
 * events are byte-identical to one `encodeLogLine` / `formatEvent` per line — escapes,
 * control characters, `\r\n`, non-ASCII, empty lines, lines longer than a piece, seq
 * numbers crossing a power of ten and beyond 2^32. Also: the committed compiled module is
 * exactly what scripts/build-wasm.mjs makes of line-encoder.wat.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordsToEvents } from '../../main/runs/log/log-block.js';
import { LineEncoder, PIECE_BYTES } from '../../main/runs/log/line-encoder.js';
import { LineSplitter } from '../../main/runs/log/line-splitter.js';
import { encodeLogLine, type LogStream } from '../../main/runs/run-types.js';
import { formatEvent } from '../../main/server/sse.js';

const T = '2026-11-24T07:01:02.345Z';
const encoder = new LineEncoder();

/** What the string path makes of `text` (lines separated by \n, the last one ending in \n). */
function expected(text: string, firstSeq: number, stream: LogStream): { file: string; events: string } {
  const lines = text
    .split('\n')
    .slice(0, -1)
    .map((line) => line.replace(/\r$/, ''));
  return {
    file: lines.map((line, i) => `${encodeLogLine(firstSeq + i, T, stream, line)}\n`).join(''),
    events: lines
      .map((line, i) =>
        formatEvent({ id: firstSeq + i, event: 'line', data: encodeLogLine(firstSeq + i, T, stream, line) }),
      )
      .join(''),
  };
}

function encoded(
  bytes: Buffer,
  firstSeq: number,
  stream: LogStream = 'stdout',
): { file: string; events: string; count: number; seqs: number[] } {
  const blocks = encoder.encode(bytes, firstSeq, T, stream);
  return {
    file: blocks.map((b) => b.file.toString('utf8')).join(''),
    events: blocks.map((b) => b.events.toString('utf8')).join(''),
    count: blocks.reduce((n, b) => n + b.count, 0),
    seqs: blocks.map((b) => b.firstSeq),
  };
}

function check(text: string, firstSeq = 1, stream: LogStream = 'stdout'): void {
  const result = encoded(Buffer.from(text), firstSeq, stream);
  const want = expected(text, firstSeq, stream);
  expect(result.file).toBe(want.file);
  expect(result.events).toBe(want.events);
  expect(result.count).toBe(text.split('\n').length - 1);
}

describe('LineEncoder', () => {
  it('encodes plain and awkward lines exactly like the string encoder', () => {
    const awkward = [
      'plain',
      'with "quotes" and \\ backslash',
      'tab\there',
      'cr\rinside',
      'trailing cr\r',
      '{"seq":99,"t":"x"}',
      'line\u2028sep',
      'emoji 😀 é ✓',
      '',
      'ctl \u0001\u0008\u000b\u000c\u001b\u001f\u007f',
      '/ slash',
    ];
    check(`${awkward.join('\n')}\n`, 7, 'stderr');
    check(`${awkward.join('\r\n')}\r\n`, 1);
  });

  it('numbers lines across powers of ten and beyond 2^32', () => {
    check('a\nb\nc\nd\n', 8);
    check('a\nb\nc\n', 99_999);
    check('x\ny\n', 2 ** 32 - 1);
    check('x\ny\n', Number.MAX_SAFE_INTEGER - 1);
  });

  it('splits long input into pieces at line ends, numbering on across them', () => {
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `line ${i} ${'.'.repeat(i % 97)}${i % 13 === 0 ? ' "q"' : ''}`,
    );
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(PIECE_BYTES * 4);
    const result = encoded(Buffer.from(text), 41);
    expect(result.seqs.length).toBeGreaterThan(4);
    expect(result.file).toBe(expected(text, 41, 'stdout').file);
    expect(result.events).toBe(expected(text, 41, 'stdout').events);
  });

  it('takes lines longer than a piece through the string encoder, in order', () => {
    const long = `${'ü'.repeat(PIECE_BYTES)}"end\r`;
    check(`short\n${long}\nafter\n${'z'.repeat(PIECE_BYTES * 2)}\n`, 3);
  });

  it('stays within its memory for the worst case: a piece of empty lines, or of bytes that all need \\u escapes', () => {
    check('\n'.repeat(PIECE_BYTES * 2 + 5), 1);
    check(`${'\u0001'.repeat(PIECE_BYTES - 1)}\n${'\u0002'.repeat(PIECE_BYTES - 1)}\n`, 1);
  });

  it('matches the string encoder on random whole lines from the splitter (seeded)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      'a',
      'Z',
      ' ',
      '"',
      '\\',
      '\t',
      '\r',
      '\n',
      '\u0000',
      '\u001f',
      'é',
      '€',
      '😀',
      '\u2028',
      '}',
      '{"seq":',
    ];
    for (let round = 0; round < 40; round++) {
      const parts: string[] = [];
      const length = Math.floor(random() * 3000);
      for (let i = 0; i < length; i++) parts.push(alphabet[Math.floor(random() * alphabet.length)]!);
      const bytes = Buffer.from(`${parts.join('')}\n`);
      // Random bytes, some invalid UTF-8, through the splitter as the runner does it.
      if (round % 4 === 0) bytes[Math.floor(random() * bytes.length)] = 0xff;
      const splitter = new LineSplitter();
      const pieces = splitter.push(bytes);
      expect(pieces).toHaveLength(1);
      const piece = pieces[0] as Buffer;
      const firstSeq = 1 + Math.floor(random() * 1e6);
      const result = encoded(piece, firstSeq);
      const want = expected(piece.toString('utf8'), firstSeq, 'stdout');
      expect(result.file).toBe(want.file);
      expect(result.events).toBe(want.events);
    }
  });
});

describe('the encoder and the framing of records read back', () => {
  it('recordsToEvents makes exactly the events the encoder made, from the records it wrote', () => {
    const text = `${Array.from({ length: 150 }, (_, i) => `l${i} "q" \t ${'é'.repeat(i % 5)} \u0001`).join('\n')}\n`;
    for (const stream of ['stdout', 'stderr', 'system'] as const) {
      const [block] = encoder.encode(Buffer.from(text), 999_990, T, stream);
      expect(block!.count).toBe(150);
      expect(recordsToEvents(block!.file).equals(block!.events)).toBe(true);
    }
  });
});

describe('LineEncoder input contract', () => {
  it('refuses input that does not end with a newline, instead of scanning past it into stale memory', () => {
    expect(encoder.encode(Buffer.from('a whole line\n'), 1, T, 'stdout')[0]!.count).toBe(1);
    expect(() => encoder.encode(Buffer.from('no newline'), 1, T, 'stdout')).toThrow(/whole lines/);
  });

  it('stays within its memory with a seq near 2^53 and a record head near its maximum size', () => {
    const longT = `2026-11-24T07:01:02.345${'0'.repeat(120)}Z`;
    const text = '\n'.repeat(PIECE_BYTES);
    const blocks = encoder.encode(Buffer.from(text), Number.MAX_SAFE_INTEGER - PIECE_BYTES - 1, longT, 'stderr');
    const seqs = blocks.reduce((n, b) => n + b.count, 0);
    expect(seqs).toBe(PIECE_BYTES);
    const first = blocks[0]!.file.toString().split('\n')[0]!;
    expect(JSON.parse(first)).toMatchObject({ seq: Number.MAX_SAFE_INTEGER - PIECE_BYTES - 1, t: longT, text: '' });
  });
});

describe('the compiled module', () => {
  it('is what scripts/build-wasm.mjs makes of line-encoder.wat (regenerate with `node scripts/build-wasm.mjs`)', async () => {
    const script: string = '../../scripts/build-wasm.mjs'; // plain JS: no types to resolve
    const { generatedModuleText } = (await import(script)) as { generatedModuleText(): Promise<string> };
    const committed = readFileSync(new URL('../../main/runs/log/line-encoder-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await generatedModuleText());
  });
});
