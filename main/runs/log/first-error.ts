/**
 * The first line of a run log that looks like an error (`GET /api/runs/:id/log/first-error`,
 * the run view's "Jump to first error"). A line counts when, in order of the rules below:
 *  - `exit`: a runner line (stream `system`) saying the process exited with a non-zero code;
 *  - `traceback`: it holds `Traceback (most recent call last)` (Python);
 *  - `location`: it has the compiler shape `file:line:col: error` (or `fatal error`);
 *  - `fail`: the word `FAIL` or `FAILED` (capitals, whole word: test runners);
 *  - `error`: the whole word `error`, `ERROR` or `Error`, or a name ending in `Error:` (`TypeError:`).
 * Not counted: plurals (`0 errors`, `errors: 0`, `3 errors`), `0 error` / `no error`, words that merely
 * contain it (`error-free`, `error_count`, `-Werror`, `failure`, `Failed`), runner placeholders for torn lines.
 */
import type { LogStream } from '../run-types.js';

import type { ErrorRule } from '../../contract/runs.js';
export type { ErrorRule };

const RULES: Array<{ rule: ErrorRule; pattern: RegExp; stream?: LogStream }> = [
  { rule: 'exit', pattern: /\bexit(?:ed)?\b.*\b(?:code|status)\s+(?:[1-9]\d*|-\d+)\b/i, stream: 'system' },
  { rule: 'traceback', pattern: /Traceback \(most recent call last\)/ },
  { rule: 'location', pattern: /^\s*[^\s:]+:\d+:\d+:\s*(?:fatal\s+)?error\b/i },
  { rule: 'fail', pattern: /(?<![\w-])FAIL(?:ED)?(?![\w-])/ },
  { rule: 'error', pattern: /(?<![\w-])(?<!\b(?:0|[Nn]o)\s)(?:error|ERROR|Error)(?![\w-])|\w+Error:/ },
];

const PLACEHOLDER = /^\[line \d+ could not be read\]$/;

/** The rule a line matches, or null when it does not look like an error. */
export function errorRuleOf(stream: LogStream, text: string): ErrorRule | null {
  if (stream === 'system' && PLACEHOLDER.test(text)) return null;
  for (const { rule, pattern, stream: only } of RULES) {
    if (only && only !== stream) continue;
    if (pattern.test(text)) return rule;
  }
  return null;
}
