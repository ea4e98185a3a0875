/**
 * Local signals of a completion candidate, read from a spec's own files (pure functions):
 * task checkboxes in tasks.md, PR references (`#123`, `PR 123`) in decisions.md and
 * tasks.md, and the snapshot hash a dismissal is tied to.
 *
 * The hash is sha256 of `{"last_modified": …, "prs": […], "tasks_mtime": …}` serialised
 * like the original (sorted keys, ", " and ": " separators, float seconds with ".0" for
 * whole numbers). It deliberately leaves out PR merge state: a PR merging after a dismissal
 * re-surfaces the spec through the PR check itself.
 */
import { createHash } from 'node:crypto';
import { splitMarkdownLines } from '../status-line.js';

const OPEN_TASK = /^[ \t]*[-*+] \[ \]/;
const CHECKED_TASK = /^[ \t]*[-*+] \[[xX]\]/;
const PR_REF = /(?:\bPR\s+|#)(\d+)\b/gi;

export interface TaskCount {
  checked: number;
  open: number;
}

/** Counts `- [x]` and `- [ ]` items outside fenced code. */
export function countTasks(text: string): TaskCount {
  let checked = 0;
  let open = 0;
  for (const line of splitMarkdownLines(text)) {
    if (line.inFence) continue;
    if (CHECKED_TASK.test(line.text)) checked += 1;
    else if (OPEN_TASK.test(line.text)) open += 1;
  }
  return { checked, open };
}

/** Sorted, de-duplicated PR numbers referenced in the given texts. */
export function extractPrRefs(texts: readonly string[]): number[] {
  const found = new Set<number>();
  for (const text of texts) for (const match of text.matchAll(PR_REF)) found.add(Number(match[1]));
  return [...found].filter((n) => Number.isSafeInteger(n) && n > 0).sort((a, b) => a - b);
}

export interface SnapshotInput {
  /** ISO time of the newest `.md` edit. */
  lastModified: string;
  prs: readonly number[];
  /** tasks.md mtime in seconds, null without tasks.md. */
  tasksMtimeS: number | null;
}

export function snapshotHash(input: SnapshotInput): string {
  const tasks = input.tasksMtimeS === null ? 'null' : pythonFloat(input.tasksMtimeS);
  const payload = `{"last_modified": ${JSON.stringify(input.lastModified)}, "prs": [${input.prs.join(', ')}], "tasks_mtime": ${tasks}}`;
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
