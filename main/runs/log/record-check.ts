/**
 * Checking one line read back from `<id>.log` before it goes anywhere (a page, an SSE
 * `data:`, a download). A file can hold torn lines (a write cut short, a disk error, a
 * hand edit), and a line that only looks like ours must never reach a client: the event
 * stream would carry invalid JSON and `JSON.parse` in a route would throw (a 500).
 *
 * Fast path, no parse: the writer's own output is exactly
 * `{"seq":N,"t":"T","stream":"S","text":"…"}` with the text a JSON string, so a line whose
 * head matches that shape and whose text, in one pass, holds no raw control character, no
 * unescaped quote before the final `"}` and only valid escapes is valid JSON as it stands. Anything else goes through `JSON.parse` in a try
 * and, if it has a seq and a text, is re-encoded in our shape. A line that still fails is
 * `torn` when its seq can be read from its head (the seq is written first), else
 * `unreadable`; a line with another line glued after it (a torn write followed by the next
 * one) gives back that next line, since `{"seq":` cannot occur inside a valid line.
 */
import { encodeLogLine, type LogLine, type LogStream } from '../run-types.js';

export type CheckedLine =
  /** `text` is valid JSON in our shape; `salvaged` when a torn line was cut off before it. */
  | { kind: 'ok'; seq: number; t: string; text: string; salvaged: boolean }
  | { kind: 'torn'; seq: number }
  | { kind: 'unreadable' };

/** A whole line of ours whose text needs no escape (most lines): valid JSON, checked in one native pass. */
const PLAIN =
  // eslint-disable-next-line no-control-regex -- raw control characters are what makes a JSON string invalid
  /^\{"seq":[1-9]\d{0,14},"t":"[0-9TZ:.+-]*","stream":"(?:stdout|stderr|system)","text":"[^"\\\u0000-\u001f]*"\}$/;
const HEAD = /^\{"seq":[1-9]\d{0,14},"t":"[0-9TZ:.+-]*","stream":"(?:stdout|stderr|system)","text":"/;
/** From the `"` closing `t` to the first character of the text: `","stream":"` + a 6-letter stream + `","text":"`. */
const T_END_TO_BODY = 28;
const SEQ_HEAD = /^\{"seq":([1-9]\d{0,14}),/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** The characters that may follow a backslash in a JSON string (besides `u`). */
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

export function checkLine(text: string): CheckedLine {
  const plain = PLAIN.test(text);
  if (plain || HEAD.test(text)) {
    let seq = 0;
    let at = 7;
    for (let c = text.charCodeAt(at); c >= 48 && c <= 57; c = text.charCodeAt(++at)) seq = seq * 10 + (c - 48);
    const tEnd = text.indexOf('"', at + 6);
    if (plain || closesAtEnd(text, tEnd + T_END_TO_BODY))
      return { kind: 'ok', seq, t: text.slice(at + 6, tEnd), text, salvaged: false };
  }
  const parsed = parseOurs(text);
  if (parsed) return { ...parsed, salvaged: false };
  const glued = text.lastIndexOf('{"seq":');
  if (glued > 0) {
    const tail = checkLine(text.slice(glued));
    if (tail.kind === 'ok') return { ...tail, salvaged: true };
  }
  const head = SEQ_HEAD.exec(text);
  return head ? { kind: 'torn', seq: Number(head[1]) } : { kind: 'unreadable' };
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
    return {
      seq: line.seq,
      t: typeof line.t === 'string' ? line.t : '',
      stream: toStream(line.stream),
      text: line.text,
    };
  } catch {
    return null;
  }
}

/**
 * Whether the JSON string whose body starts at `start` is valid and closes exactly at the
 * final `"}` of `text`: one pass over the body, no raw control character, no unescaped
 * quote before the end, every backslash a valid escape.
 */
function closesAtEnd(text: string, start: number): boolean {
  const end = text.length - 2;
  if (end < start || text.charCodeAt(end) !== 34 || text.charCodeAt(end + 1) !== 125) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (next === 117) {
        if (i + 6 > end || !HEX4.test(text.slice(i + 2, i + 6))) return false;
        i += 5;
      } else if (SIMPLE_ESCAPES.has(next) && i + 1 < end) {
        i++;
      } else {
        return false;
      }
    } else if (c === 34 || c < 32) {
      return false;
    }
  }
  return true;
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
