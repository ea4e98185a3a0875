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

describe('LineEncoder.recordsToEvents (reading a log back)', () => {
  const toEvents = (file: string) =>
    file
      .split('\n')
      .slice(0, -1)
      .map((record) => `id: ${(JSON.parse(record) as { seq: number }).seq}\nevent: line\ndata: ${record}\n\n`)
      .join('');

  it('turns what encode wrote back into exactly the events encode made, with the same encoder', () => {
    const text = `${Array.from({ length: 150 }, (_, i) => `l${i} "q" \t ${'é'.repeat(i % 5)}`).join('\n')}\n`;
    const [block] = encoder.encode(Buffer.from(text), 1, T, 'stdout');
    const converted = encoder.recordsToEvents(block!.file, 1, 10_000);
    expect(converted).toMatchObject({ count: 150, consumed: block!.file.length });
    expect(converted.events.equals(block!.events)).toBe(true);
    expect(block!.file.subarray(converted.lastLineAt).toString()).toBe(
      `${encodeLogLine(150, T, 'stdout', `l149 "q" \t ${'é'.repeat(4)}`)}\n`,
    );
  });

  it('accepts every record encodeLogLine makes (any stream, any escape JSON.stringify uses)', () => {
    const texts = ['plain', '"\\/', '\b\f\n\r\t', '\u0000\u001f', '\ud800 lone surrogate', '😀', '', '}"'];
    const streams: LogStream[] = ['stdout', 'stderr', 'system'];
    const file = texts.map((text, i) => `${encodeLogLine(5 + i, T, streams[i % 3]!, text)}\n`).join('');
    const converted = encoder.recordsToEvents(Buffer.from(file), 5, 100);
    expect(converted.count).toBe(texts.length);
    expect(converted.events.toString()).toBe(toEvents(file));
  });

  it('stops before the first line that is not a well-formed record numbered on, and after maxLines', () => {
    const good = (seq: number) => `${encodeLogLine(seq, T, 'stdout', `line ${seq}`)}\n`;
    const cases: Array<[string, string]> = [
      ['a torn line', good(3).slice(0, 30)],
      ['a seq gap', good(4)],
      ['a repeated seq', good(2)],
      ['a leading zero', good(3).replace('"seq":3', '"seq":03')],
      ['a raw control character', good(3).replace('line', 'li\u0001ne')],
      ['an unescaped quote', good(3).replace('line', 'li"ne')],
      ['an invalid escape', good(3).replace('line', 'li\\qne')],
      ['a short \\u escape', good(3).replace('line', 'li\\u12x4ne')],
      ['another field order', `{"seq":3,"stream":"stdout","t":"${T}","text":"x"}\n`],
      ['an unknown stream', good(3).replace('stdout', 'stdin!')],
      ['a letter in the time', good(3).replace('T07', 'X07')],
      ['text after the record', good(3).replace('"}\n', '"} \n')],
    ];
    for (const [what, third] of cases) {
      const file = Buffer.from(good(1) + good(2) + third + good(4));
      expect(encoder.recordsToEvents(file, 1, 100).count, what).toBe(2);
    }
    const file = Buffer.from(good(1) + good(2) + good(3));
    expect(encoder.recordsToEvents(file, 1, 2)).toMatchObject({ count: 2, consumed: good(1).length + good(2).length });
    expect(encoder.recordsToEvents(file, 2, 100).count).toBe(0);
  });
});

describe('LineEncoder input contract', () => {
  it('refuses input that does not end with a newline, instead of scanning past it into stale memory', () => {
    const good = Buffer.from(`${encodeLogLine(1, T, 'stdout', 'secret from another run')}\n`);
    expect(encoder.recordsToEvents(good, 1, 10).count).toBe(1);
    expect(() => encoder.recordsToEvents(good.subarray(0, 40), 1, 10)).toThrow(/whole lines/);
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
