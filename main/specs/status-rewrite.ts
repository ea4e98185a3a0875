/**
 * The status flip's text transformation (docs/COMPATIBILITY.md), pure and byte-faithful:
 * - the first strict `**Status:** value` line has only its leading status word replaced;
 *   an annotation after it (" — …", " (…", " - …", ", …") and every other byte are kept,
 *   line endings included (CRLF stays CRLF), a BOM too;
 * - the same status word again is `unchanged` (idempotent, no write);
 * - a status-like line not in the strict form, a value whose leading word is not a known
 *   status, or anything else after the word is `unsafe`: the caller must not write;
 * - with no status line at all, `**Status:** value` is inserted under the first `# `
 *   heading (a blank line on each side), or at the top of a file without one.
 */
import { KNOWN_STATUS_WORDS, STATUS_LIKE, STRICT_STATUS, splitMarkdownLines, type MdLine } from './status-line.js';

export const FLIP_STATUSES = ['draft', 'in-review', 'approved', 'complete'] as const;
export type FlipStatus = (typeof FLIP_STATUSES)[number];

export type RewriteResult =
  | { kind: 'changed'; text: string; line: number; previous: string | null }
  | { kind: 'unchanged'; line: number; previous: string }
  | { kind: 'unsafe'; line: number; reason: string };

const BOM = '\uFEFF';
const ANNOTATION = /^(?:[ \t]*$| —| –| \(| - |, )/;

/** Returns the text with its status set to `status`, or why that is not safe. */
export function rewriteStatus(text: string, status: FlipStatus): RewriteResult {
  const bom = text.startsWith(BOM) ? BOM : '';
  const lines = splitMarkdownLines(text.slice(bom.length));
  let strictIndex = -1;
  for (const [index, line] of lines.entries()) {
    if (line.inFence) continue;
    const strict = STRICT_STATUS.test(line.text);
    if (!strict && STATUS_LIKE.test(line.text)) {
      return {
        kind: 'unsafe',
        line: index + 1,
        reason: `Line ${index + 1} looks like a status line but is not in an accepted form ("**Status:** value" or "Status: value", see docs/SPECS.md); change it by hand.`,
      };
    }
    if (strict && strictIndex === -1) strictIndex = index;
  }
  if (strictIndex === -1) return insertStatus(bom, lines, status);

  const line = lines[strictIndex]!;
  const [, prefix = '', value = ''] = STRICT_STATUS.exec(line.text) ?? [];
  const word = /^[A-Za-z][A-Za-z-]*/.exec(value)?.[0];
  const lineNo = strictIndex + 1;
  if (word === undefined || !KNOWN_STATUS_WORDS.has(word.toLowerCase())) {
    return {
      kind: 'unsafe',
      line: lineNo,
      reason: `The status on line ${lineNo} ("${value.trim()}") does not start with a known status word; change it by hand.`,
    };
  }
  const rest = value.slice(word.length);
  if (!ANNOTATION.test(rest)) {
    return {
      kind: 'unsafe',
      line: lineNo,
      reason: `The status on line ${lineNo} ("${value.trim()}") has text after "${word}" that is not an annotation (" — …", " (…", " - …", ", …"); change it by hand.`,
    };
  }
  if (word.toLowerCase() === status) return { kind: 'unchanged', line: lineNo, previous: value.trim() };
  const next = lines.map((entry, index) =>
    index === strictIndex ? { ...entry, text: `${prefix}${status}${rest}` } : entry,
  );
  return { kind: 'changed', text: bom + join(next), line: lineNo, previous: value.trim() };
}

function insertStatus(bom: string, lines: MdLine[], status: FlipStatus): RewriteResult {
  const eol = lines.find((line) => line.eol !== '')?.eol ?? '\n';
  const statusLine = `**Status:** ${status}`;
  const headingIndex = lines.findIndex((line) => !line.inFence && /^# /.test(line.text));
  if (headingIndex === -1) {
    const body = join(lines);
    const text = body === '' ? `${statusLine}${eol}` : `${statusLine}${eol}${eol}${body}`;
    return { kind: 'changed', text: bom + text, line: 1, previous: null };
  }
  const before = lines
    .slice(0, headingIndex + 1)
    .map((line, index) => (index === headingIndex && line.eol === '' ? { ...line, eol } : line));
  const after = lines.slice(headingIndex + 1);
  const nextIsBlank = after[0] !== undefined && after[0].text.trim() === '';
  const inserted: MdLine[] = [
    { text: '', eol, inFence: false },
    { text: statusLine, eol, inFence: false },
    ...(after.length > 0 && !nextIsBlank ? [{ text: '', eol, inFence: false }] : []),
  ];
  return {
    kind: 'changed',
    text: bom + join([...before, ...inserted, ...after]),
    line: headingIndex + 3,
    previous: null,
  };
}

function join(lines: readonly MdLine[]): string {
  return lines.map((line) => line.text + line.eol).join('');
}
