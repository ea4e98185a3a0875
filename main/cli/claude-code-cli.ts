/**
 * The Claude Code section of `attune-ops costs`: the 30-day totals and the five most
 * active actors (sessions, lines, commits, PRs, acceptance rate, estimated cost per
 * currency), or why there is nothing to show, in words.
 */
import type { ClaudeCodeResponse } from '../costs/claude-code-store.js';
import type { CurrencyAmount } from '../costs/claude-code-aggregate.js';

const SHOWN = 5;

const money = (entries: CurrencyAmount[]) =>
  entries.length === 0
    ? '$0.00'
    : entries
        .map((e) => (e.currency === 'USD' ? `$${e.amount.toFixed(2)}` : `${e.amount.toFixed(2)} ${e.currency}`))
        .join(' + ');
const rate = (value: number | null) => (value === null ? 'no edits' : `${(value * 100).toFixed(1)}% accepted`);

export function renderClaudeCode({ claudeCode, error }: ClaudeCodeResponse): string {
  if (!claudeCode) {
    const why = error?.kind === 'no_key' ? 'billing not connected' : error ? error.message : 'not fetched yet';
    return `  Claude Code      no figures (${why})\n`;
  }
  const t = claudeCode.totals;
  const lines = [
    `Claude Code, last ${claudeCode.days} UTC days (${claudeCode.source}${claudeCode.stale ? ', stale' : ''}; estimated cost ${money(t.estimatedCost)})`,
  ];
  if (claudeCode.stale && error) lines.push(`  Stale: ${error.message}`);
  if (claudeCode.emptyReason) lines.push(`  ${claudeCode.emptyReason}`);
  for (const a of claudeCode.actors.slice(0, SHOWN))
    lines.push(
      `  ${a.label.padEnd(28)} ${a.sessions} sessions, +${a.linesAdded}/-${a.linesRemoved} lines, ${a.commits} commits, ${a.pullRequests} PRs, ${rate(a.acceptanceRate)}, ${money(a.estimatedCost)}`,
    );
  if (claudeCode.actors.length > SHOWN) lines.push(`  … and ${claudeCode.actors.length - SHOWN} more (see --json)`);
  return `${lines.join('\n')}\n`;
}
