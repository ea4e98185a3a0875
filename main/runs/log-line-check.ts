/**
 * Checking one line read back from `<id>.log` before it goes anywhere (a page, an SSE
 * `data:`, a download). A file can hold torn lines (a write cut short, a disk error, a
 * hand edit), and a line that only looks like ours must never reach a client: the event
 * stream would carry invalid JSON and `JSON.parse` in a route would throw (a 500).
 *
 * Fast path, no parse: the writer's own output is exactly
 * `{"seq":N,"t":"T","stream":"S","text":"…"}` with the text a JSON string, so a line whose
 * head matches that shape, whose string closes exactly at the final `"}` (no unescaped
 * quote before it, every backslash a valid JSON escape) and which holds no raw control
 * character is valid JSON as it stands. Anything else goes through `JSON.parse` in a try
 * and, if it has a seq and a text, is re-encoded in our shape. A line that still fails is
 * `torn` when its seq can be read from its head (the seq is written first), else
 * `unreadable`; a line with another line glued after it (a torn write followed by the next
 * one) gives back that next line, since `{"seq":` cannot occur inside a valid line.
 */
import { encodeLogLine, type LogLine, type LogStream } from './run-types.js';

export type CheckedLine =
  /** `text` is valid JSON in our shape; `salvaged` when a torn line was cut off before it. */
  | { kind: 'ok'; seq: number; t: string; text: string; salvaged: boolean }
  | { kind: 'torn'; seq: number }
  | { kind: 'unreadable' };

const HEAD = /^\{"seq":([1-9]\d{0,14}),"t":"([0-9TZ:.+-]*)","stream":"(?:stdout|stderr|system)","text":"/;
const SEQ_HEAD = /^\{"seq":([1-9]\d{0,14}),/;
// eslint-disable-next-line no-control-regex -- raw control characters are what makes a JSON string invalid
const CONTROL = /[\u0000-\u001f]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** The characters that may follow a backslash in a JSON string (besides `u`). */
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

export function checkLine(text: string): CheckedLine {
  const head = HEAD.exec(text);
  if (head && closesAtEnd(text, head[0].length) && !CONTROL.test(text)) return { kind: 'ok', seq: Number(head[1]), t: head[2]!, text, salvaged: false };
  const parsed = parseOurs(text);
  if (parsed) return { ...parsed, salvaged: false };
  const glued = text.lastIndexOf('{"seq":');
  if (glued > 0) {
    const tail = checkLine(text.slice(glued));
    if (tail.kind === 'ok') return { ...tail, salvaged: true };
  }
  const seq = SEQ_HEAD.exec(text);
  return seq ? { kind: 'torn', seq: Number(seq[1]) } : { kind: 'unreadable' };
}

/** The line shown in place of one that could not be read (keeps seqs gap-free; clients render `system` lines). */
export function placeholderLine(seq: number, t: string): string {
  return encodeLogLine(seq, t, 'system', `[line ${seq} could not be read]`);
}

/** A line as an object, or null when the text is not one (never throws). */
export function decodeLogLine(encoded: string): LogLine | null {
  try {
    const line = JSON.parse(encoded) as Partial<LogLine> | null;
    if (!line || typeof line.seq !== 'number' || typeof line.text !== 'string') return null;
    return { seq: line.seq, t: typeof line.t === 'string' ? line.t : '', stream: toStream(line.stream), text: line.text };
  } catch {
    return null;
  }
}

/** Whether the JSON string whose body starts at `start` ends exactly at the closing `"}` of `text`. */
function closesAtEnd(text: string, start: number): boolean {
  const end = text.length - 2;
  if (end < start || text.charCodeAt(end) !== 34 || text.charCodeAt(end + 1) !== 125) return false;
  let at = start;
  let quote = text.indexOf('"', at);
  for (let slash = text.indexOf('\\', at); slash !== -1 && slash < end; slash = text.indexOf('\\', at)) {
    if (quote < slash) return false;
    const next = text.charCodeAt(slash + 1);
    if (next === 117) {
      if (slash + 6 > end || !HEX4.test(text.slice(slash + 2, slash + 6))) return false;
      at = slash + 6;
    } else if (SIMPLE_ESCAPES.has(next) && slash + 1 < end) {
      at = slash + 2;
    } else {
      return false;
    }
    if (quote < at) quote = text.indexOf('"', at);
  }
  return quote === end;
}

function parseOurs(text: string): { kind: 'ok'; seq: number; t: string; text: string } | undefined {
  let parsed: Partial<LogLine> | null;
  try {
    parsed = JSON.parse(text) as Partial<LogLine> | null;
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || typeof parsed.text !== 'string') return undefined;
  const { seq } = parsed;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  const t = typeof parsed.t === 'string' && /^[0-9TZ:.+-]*$/.test(parsed.t) ? parsed.t : '';
  return { kind: 'ok', seq, t, text: encodeLogLine(seq, t, toStream(parsed.stream), parsed.text) };
}

function toStream(stream: unknown): LogStream {
  return stream === 'stderr' || stream === 'system' ? stream : 'stdout';
}
