/**
 * The Claude Code table: one row per actor (a user by e-mail, an API key by name and
 * marked so), sortable by any column with a header button (`aria-sort` on the sorted
 * column; again reverses). The acceptance rate is a percentage ("—" without edit actions,
 * always sorted last); the estimated cost opens to its models. Cost sorts by the USD
 * amount (other currencies are shown beside it, never added). Ties sort by label.
 */
import { useState } from 'react';
import type { ClaudeCodeActorFigures } from '../../api/claude-code';
import { SortHeader, formatCount, formatUsd, type TableSort } from '../../components';
import { formatCurrencyAmount } from './other-currencies';

type Actor = ClaudeCodeActorFigures;
export type ClaudeCodeSortKey =
  'label' | 'sessions' | 'linesAdded' | 'linesRemoved' | 'commits' | 'pullRequests' | 'acceptanceRate' | 'cost';
export type ClaudeCodeSort = TableSort<ClaudeCodeSortKey>;

const COLUMNS: Array<{ key: ClaudeCodeSortKey; header: string; numeric: boolean }> = [
  { key: 'label', header: 'User or API key', numeric: false },
  { key: 'sessions', header: 'Sessions', numeric: true },
  { key: 'linesAdded', header: 'Lines added', numeric: true },
  { key: 'linesRemoved', header: 'Lines removed', numeric: true },
  { key: 'commits', header: 'Commits', numeric: true },
  { key: 'pullRequests', header: 'Pull requests', numeric: true },
  { key: 'acceptanceRate', header: 'Edits accepted', numeric: true },
  { key: 'cost', header: 'Estimated cost', numeric: true },
];

const usdOf = (a: Actor) => a.estimatedCost.find((e) => e.currency === 'USD')?.amount ?? 0;

/** Amounts per currency, USD in the locale's format, others with their code; joined with "+", never added. */
export function formatCost(entries: Array<{ currency: string; amount: number }>): string {
  if (entries.length === 0) return formatUsd(0);
  return entries
    .map((e) => (e.currency === 'USD' ? formatUsd(e.amount) : formatCurrencyAmount(e.amount, e.currency)))
    .join(' + ');
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function sortActors(actors: Actor[], sort: ClaudeCodeSort): Actor[] {
  const direction = sort.descending ? -1 : 1;
  const byLabel = (a: Actor, b: Actor) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' });
  const key = sort.by;
  const value = (x: Actor): number =>
    key === 'cost' ? usdOf(x) : key === 'acceptanceRate' ? (x.acceptanceRate ?? 0) : key === 'label' ? 0 : x[key];
  return [...actors].sort((a, b) => {
    if (key === 'label') return byLabel(a, b) * direction;
    if (key === 'acceptanceRate' && (a.acceptanceRate === null || b.acceptanceRate === null))
      return a.acceptanceRate === b.acceptanceRate ? byLabel(a, b) : a.acceptanceRate === null ? 1 : -1;
    return (value(a) - value(b)) * direction || byLabel(a, b);
  });
}

export function ClaudeCodeTable({ actors, caption }: { actors: Actor[]; caption: string }) {
  const [sort, setSort] = useState<ClaudeCodeSort>({ by: 'sessions', descending: true });
  const sorted = sortActors(actors, sort);
  return (
    <div className="table-wrap" data-testid="claude-code-table">
      <table className="table claude-code__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader
                key={c.key}
                column={c.key}
                sort={sort}
                onSort={setSort}
                numeric={c.numeric}
                descendingFirst={c.numeric}
              >
                {c.header}
              </SortHeader>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={`${a.actor.type}:${a.label}`}>
              <td>
                <span className="breakdown__name" title={a.label}>
                  {a.label}
                  {a.actor.type === 'api_key' && <span className="muted small"> (API key)</span>}
                </span>
              </td>
              <td className="num">{formatCount(a.sessions)}</td>
              <td className="num">{formatCount(a.linesAdded)}</td>
              <td className="num">{formatCount(a.linesRemoved)}</td>
              <td className="num">{formatCount(a.commits)}</td>
              <td className="num">{formatCount(a.pullRequests)}</td>
              <td className="num" title={`${a.editsAccepted} accepted, ${a.editsRejected} rejected`}>
                {formatRate(a.acceptanceRate)}
              </td>
              <td className="num">
                <CostCell actor={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The estimated cost, opening to the cost per model (also its hover title). */
function CostCell({ actor }: { actor: Actor }) {
  const total = formatCost(actor.estimatedCost);
  if (actor.costByModel.length === 0) return <span className="money">{total}</span>;
  const lines = actor.costByModel.map((m) => `${m.model ?? 'No model'}: ${formatCost([m])}`);
  return (
    <details className="claude-code__cost">
      <summary className="money" title={lines.join('\n')}>
        {total}
      </summary>
      <ul className="claude-code__models muted small">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
