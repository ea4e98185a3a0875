/**
 * The status line of a spec phase file (docs/SPECS.md): the first `**Status:** value`,
 * `**Status**: value` or plain `Status: value` line outside fenced code blocks. Statuses are compared on their
 * leading word, lower-cased, so "Approved (2026-05-09)" reads as `approved` and
 * "unpaused" is not `paused`.
 *
 * Lines keep their own end-of-line bytes, so a rewrite can reassemble a file byte for byte.
 */

export const PHASES = ['decisions', 'requirements', 'design', 'tasks'] as const;
export type PhaseName = (typeof PHASES)[number];

/** The accepted forms (`**Status:**`, `**Status**:`, `Status:`): group 1 is everything up to the value, group 2 the value. */
export const STRICT_STATUS = /^([ \t]*(?:\*\*Status(?::\*\*|\*\*:)|Status:)[ \t]*)(.*)$/;
/** Anything a reader would take for a status line (list items, other emphasis, any case). */
export const STATUS_LIKE = /^[ \t]*(?:[-*+>][ \t]+)*[*_`]*status[*_`]*[ \t]*[:=]/i;
const LEADING_WORD = /^[A-Za-z][A-Za-z-]*/;

export const COMPLETE_WORDS: ReadonlySet<string> = new Set(['complete', 'completed', 'done', 'shipped', 'superseded']);
/** Words a status value may start with for a rewrite to be considered safe. */
export const KNOWN_STATUS_WORDS: ReadonlySet<string> = new Set([
  ...COMPLETE_WORDS,
  'draft',
  'in-review',
  'review',
  'proposed',
  'approved',
  'accepted',
  'active',
  'living',
  'paused',
  'parked',
]);

export interface MdLine {
  /** The line without its end-of-line bytes. */
  text: string;
  /** '\r\n', '\n', '\r' or '' for a last line without one. */
  eol: string;
  inFence: boolean;
}

/** Splits text into lines that keep their own line endings, marking fenced code. */
export function splitMarkdownLines(text: string): MdLine[] {
  const lines: MdLine[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  let fence: string | null = null;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [whole, body = '', eol = ''] = match;
    if (whole === '' && match.index >= text.length) break;
    const marker = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(body)?.[1];
    const opensOrCloses = marker !== undefined && (fence === null || marker.startsWith(fence));
    lines.push({ text: body, eol, inFence: fence !== null || opensOrCloses });
    if (opensOrCloses) fence = fence === null ? marker.slice(0, 3) : null;
    if (eol === '') break;
  }
  return lines;
}

/** The value of the first strict status line, or null when the file has none. */
export function readStatus(text: string): string | null {
  for (const line of splitMarkdownLines(text)) {
    if (line.inFence) continue;
    const match = STRICT_STATUS.exec(line.text);
    if (match) return (match[2] ?? '').trim();
  }
  return null;
}

/** The status's leading word lower-cased ('' when it does not start with a word). */
export function leadingWord(status: string | null): string {
  if (status === null) return '';
  return LEADING_WORD.exec(status.trim())?.[0].toLowerCase() ?? '';
}
