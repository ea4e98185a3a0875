/**
 * Blocks of encoded log lines: the form shared by the log file and the event stream.
 * A block is consecutive lines, each `{"seq":N,"t":…,"stream":…,"text":…}` followed by
 * `\n`, exactly as `<id>.log` stores them, and the same lines as `line` events (the wire
 * format of `formatEvent`: `id: N\nevent: line\ndata: <json>\n\n`), both as bytes. A
 * child's output is encoded by line-encoder.ts; lines that are strings (runner messages,
 * lines too long for it) by `encodeTextBlock` here, built with one join instead of one
 * string per line, and turned into events by `toSseEvents` in one native replace.
 *
 * Invariant the replace relies on: an encoded line holds no raw `\n` (JSON escapes it) and
 * `{"seq":` cannot occur inside one (a quote inside a JSON string is escaped), so each
 * match is exactly one whole line and an event never straddles two lines.
 */
import type { LogStream } from '../run-types.js';

export interface EncodedBlock {
  firstSeq: number;
  count: number;
  /** The lines as the log file stores them. */
  file: Buffer;
  /** The same lines as `line` events. */
  events: Buffer;
}

/** Characters for which `JSON.stringify(text)` is not simply `"text"`. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const LINE = /\{"seq":(\d+),[^\n]*\n/g;

/** The log-file text of `texts` numbered from `firstSeq` (every line ends with `\n`). */
export function encodeLines(firstSeq: number, t: string, stream: LogStream, texts: readonly string[]): string {
  const head = `,"t":"${t}","stream":"${stream}","text":`;
  const parts: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    parts.push('{"seq":', String(firstSeq + i), head);
    if (NEEDS_ESCAPE.test(text)) parts.push(JSON.stringify(text), '}\n');
    else parts.push('"', text, '"}\n');
  }
  return parts.join('');
}

/** A block of string lines (the counterpart of line-encoder.ts for text that is already decoded). */
export function encodeTextBlock(
  firstSeq: number,
  t: string,
  stream: LogStream,
  texts: readonly string[],
): EncodedBlock {
  const file = encodeLines(firstSeq, t, stream, texts);
  return { firstSeq, count: texts.length, file: Buffer.from(file), events: Buffer.from(toSseEvents(file)) };
}

/** Log-file text (whole lines, each ending in `\n`) as `line` events. */
export function toSseEvents(fileText: string): string {
  return fileText.replace(LINE, 'id: $1\nevent: line\ndata: $&\n');
}

/** The offset in `text` just after its `count`-th separator (0 when count is 0, -1 when there are fewer). */
export function afterNewlines(text: string | Buffer, count: number, separator = '\n'): number {
  let at = 0;
  for (let i = 0; i < count; i++) {
    const next = text.indexOf(separator, at);
    if (next === -1) return -1;
    at = next + separator.length;
  }
  return at;
}

/** The encoded lines of log-file text, without their newlines. */
export function splitLines(fileText: string): string[] {
  const lines = fileText.split('\n');
  lines.pop();
  return lines;
}
