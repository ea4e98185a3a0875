/**
 * Blocks of encoded log lines: the form shared by the log file and the event stream.
 * A block is consecutive lines, each `{"seq":N,"t":…,"stream":…,"text":…}` followed by
 * `\n`, exactly as `<id>.log` stores them, and the same lines as `line` events (the wire
 * format of `formatEvent`: `id: N\nevent: line\ndata: <json>\n\n`), both as bytes. A
 * child's output is encoded by line-encoder.ts; lines that are strings (runner messages,
 * lines too long for it) by `encodeTextBlock` here, built with one join instead of one
 * string per line. `recordsToEvents` turns records into events byte for byte (the record
 * is the event's data, unparsed; its seq digits are its id), without a string per line;
 * `linesToEvents` does the same for lines already read as strings (a page from the file).
 *
 * Invariant framing relies on: an encoded line holds no raw `\n` (JSON escapes it) and
 * starts `{"seq":<digits>,`, so each `\n` ends exactly one record and one event.
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
const EVENT_ID = Buffer.from('id: ');
const EVENT_DATA = Buffer.from('\nevent: line\ndata: ');
const SEQ_DIGITS_AT = '{"seq":'.length;
/** Per record besides the record itself: `id: ` + up to 16 digits + `\nevent: line\ndata: ` + the blank line. */
const EVENT_OVERHEAD = EVENT_ID.length + 16 + EVENT_DATA.length + 1;
const NEWLINE = 10;

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
  const bytes = Buffer.from(file);
  return { firstSeq, count: texts.length, file: bytes, events: recordsToEvents(bytes) };
}

/**
 * Whole records (`<id>.log` lines, each ending in `\n`) as `line` events, the wire format
 * of `formatEvent`: `id: N\nevent: line\ndata: <record>\n\n`. Copies bytes only.
 */
export function recordsToEvents(records: Buffer): Buffer {
  let lines = 0;
  for (let at = records.indexOf(NEWLINE); at !== -1; at = records.indexOf(NEWLINE, at + 1)) lines++;
  const events = Buffer.allocUnsafe(records.length + lines * EVENT_OVERHEAD);
  let out = 0;
  // Byte loops for the short pieces (a call per piece would cost more than the copy), one set for the record.
  for (let start = 0; start < records.length;) {
    const end = records.indexOf(NEWLINE, start);
    if (end === -1) break;
    for (let i = 0; i < EVENT_ID.length; i++) events[out++] = EVENT_ID[i]!;
    for (let at = start + SEQ_DIGITS_AT; at < end && records[at]! >= 48 && records[at]! <= 57; at++)
      events[out++] = records[at]!;
    for (let i = 0; i < EVENT_DATA.length; i++) events[out++] = EVENT_DATA[i]!;
    events.set(records.subarray(start, end + 1), out);
    out += end + 1 - start;
    events[out++] = NEWLINE;
    start = end + 1;
  }
  return events.subarray(0, out);
}

/** The bytes of a `line` event besides its seq digits and its record. */
const EVENT_FRAME_BYTES = Buffer.byteLength('id: \nevent: line\ndata: \n\n');

/**
 * Encoded lines (as the file reader gives them, consecutive from `firstSeq`) as `line`
 * events: the same bytes as `recordsToEvents` of those records. Each event is written
 * straight into one buffer of the exact size (measured first: `Buffer.write` would cut a
 * string that does not fit), about 7× faster than joining the page into one string.
 */
export function linesToEvents(firstSeq: number, lines: readonly string[]): Buffer {
  let size = 0;
  for (let i = 0; i < lines.length; i++)
    size += EVENT_FRAME_BYTES + String(firstSeq + i).length + Buffer.byteLength(lines[i]!);
  const events = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < lines.length; i++)
    at += events.write(`id: ${firstSeq + i}\nevent: line\ndata: ${lines[i]!}\n\n`, at);
  return events;
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
