/**
 * Claude Code rows → figures per actor over the last 30 UTC days (today included):
 * sessions, lines added and removed, commits, pull requests, the edit acceptance rate
 * (accepted ÷ (accepted + rejected) over the four edit tools; null without any action,
 * never NaN) and the estimated cost per model and in total. Counts are integer sums; money
 * is summed exactly in nano-cents per currency and rounded to the cent once, when
 * presented; currencies are never added together. Actors: most sessions first, ties by
 * name, so the order never jumps between loads.
 */
import {
  CLAUDE_CODE_COUNTS,
  type ClaudeCodeActor,
  type ClaudeCodeCounts,
  type ClaudeCodeRow,
} from './claude-code-client.js';
import { addDays, dayOf } from './cost-window.js';
import { toUsd, type Money } from './money.js';

export const CLAUDE_CODE_DAYS = 30;

export interface CurrencyAmount {
  currency: string;
  /** In the currency's major unit, rounded to the cent. */
  amount: number;
}

export type ClaudeCodeTotals = ClaudeCodeCounts & {
  acceptanceRate: number | null;
  estimatedCost: CurrencyAmount[];
};

export interface ActorFigures extends ClaudeCodeTotals {
  actor: ClaudeCodeActor;
  /** The e-mail of a user or the name of an API key. */
  label: string;
  costByModel: Array<CurrencyAmount & { model: string | null }>;
}

export interface ClaudeCodeFigures {
  days: typeof CLAUDE_CODE_DAYS;
  /** The first and last UTC day of the window. */
  from: string;
  to: string;
  actors: ActorFigures[];
  totals: ClaudeCodeTotals;
}

interface Sums {
  counts: ClaudeCodeCounts;
  /** Keyed by JSON [model, currency]. */
  models: Map<string, Money>;
}

export const actorLabel = (actor: ClaudeCodeActor): string => (actor.type === 'user' ? actor.email : actor.apiKeyName);

export function acceptanceRate(accepted: number, rejected: number): number | null {
  const actions = accepted + rejected;
  return actions === 0 ? null : Math.round((accepted / actions) * 10_000) / 10_000;
}

const zero = (): Sums => ({
  counts: Object.fromEntries(CLAUDE_CODE_COUNTS.map((c) => [c, 0])) as ClaudeCodeCounts,
  models: new Map(),
});

function add(into: Sums, row: ClaudeCodeRow): void {
  for (const field of CLAUDE_CODE_COUNTS) into.counts[field] += row[field];
  for (const m of row.models) {
    const key = JSON.stringify([m.model, m.currency]);
    into.models.set(key, (into.models.get(key) ?? 0n) + m.amount);
  }
}

/** USD first, then by code; within a currency the largest first, ties by model. */
function byCurrency(a: [string | null, string, Money], b: [string | null, string, Money]): number {
  if (a[1] !== b[1]) return a[1] === 'USD' ? -1 : b[1] === 'USD' ? 1 : a[1].localeCompare(b[1]);
  return a[2] === b[2] ? String(a[0]).localeCompare(String(b[0])) : a[2] > b[2] ? -1 : 1;
}

function present(sums: Sums): ClaudeCodeTotals & { costByModel: ActorFigures['costByModel'] } {
  const entries = [...sums.models].map(([key, amount]) => {
    const [model, currency] = JSON.parse(key) as [string | null, string];
    return [model, currency, amount] as [string | null, string, Money];
  });
  const currencies = new Map<string, Money>();
  for (const [, currency, amount] of entries) currencies.set(currency, (currencies.get(currency) ?? 0n) + amount);
  const { editsAccepted, editsRejected } = sums.counts;
  return {
    ...sums.counts,
    acceptanceRate: acceptanceRate(editsAccepted, editsRejected),
    estimatedCost: [...currencies]
      .map(([currency, amount]) => [null, currency, amount] as [null, string, Money])
      .sort(byCurrency)
      .map(([, currency, amount]) => ({ currency, amount: toUsd(amount) })),
    costByModel: entries
      .sort(byCurrency)
      .map(([model, currency, amount]) => ({ model, currency, amount: toUsd(amount) })),
  };
}

/** The window ending on the UTC day of `nowMs`. */
export function aggregateClaudeCode(rows: readonly ClaudeCodeRow[], nowMs: number): ClaudeCodeFigures {
  const to = dayOf(nowMs);
  const from = addDays(to, -(CLAUDE_CODE_DAYS - 1));
  const total = zero();
  const actors = new Map<string, { actor: ClaudeCodeActor; sums: Sums }>();
  for (const row of rows) {
    if (row.day < from || row.day > to) continue;
    const id = JSON.stringify([row.actor.type, actorLabel(row.actor)]);
    let entry = actors.get(id);
    if (!entry) actors.set(id, (entry = { actor: row.actor, sums: zero() }));
    add(entry.sums, row);
    add(total, row);
  }
  const { costByModel: _all, ...totals } = present(total);
  return {
    days: CLAUDE_CODE_DAYS,
    from,
    to,
    actors: [...actors.values()]
      .map(({ actor, sums }) => ({ actor, label: actorLabel(actor), ...present(sums) }))
      .sort(
        (a, b) => b.sessions - a.sessions || a.label.localeCompare(b.label) || a.actor.type.localeCompare(b.actor.type),
      ),
    totals,
  };
}
