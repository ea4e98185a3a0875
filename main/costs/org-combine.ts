/**
 * The "All organizations" view: several organizations' answers summed into one. Pure.
 * Money is summed in whole cents (each part is already rounded to the cent), so the total
 * is exactly the sum of what each organization shows; days, models, cost types and
 * currencies are merged by key; workspaces stay apart (they belong to one organization)
 * and are named with it. Tokens are summed as integers and the hit rate computed again
 * from the sums. An error is the first part's, named with its organization.
 */
import type { CostSummary, UsageSummary } from '../contract/costs.js';
import type { CostError, CostsResponse } from './cost-types.js';
import { spendAlarm } from './alarm.js';
import { describeBudget } from './budget.js';
import { forecastMonth } from './forecast.js';
import { UNITS_PER_CENT } from './money.js';
import { hitRate, TOKEN_COUNT_FIELDS } from './usage-aggregate.js';

export interface OrgPart<T> {
  label: string;
  answer: T;
  budgetUsd: number | null;
}

const cents = (usd: number) => Math.round(usd * 100);
const usdOf = (centsTotal: number) => centsTotal / 100;

function sumUsd<T>(items: readonly T[], get: (item: T) => number): number {
  return usdOf(items.reduce((total, item) => total + cents(get(item)), 0));
}

/** Sums rows by key in whole cents; `order` sorts the merged rows. */
function mergeUsd<R extends { usd: number }, K>(
  lists: ReadonlyArray<readonly R[]>,
  keyOf: (row: R) => K,
  order: (a: R, b: R) => number,
): R[] {
  const merged = new Map<K, { row: R; cents: number }>();
  for (const row of lists.flat()) {
    const held = merged.get(keyOf(row));
    if (held) held.cents += cents(row.usd);
    else merged.set(keyOf(row), { row, cents: cents(row.usd) });
  }
  return [...merged.values()].map(({ row, cents: total }) => ({ ...row, usd: usdOf(total) })).sort(order);
}

const byUsdDesc = (a: { usd: number }, b: { usd: number }) => b.usd - a.usd;

export function combineSummaries(parts: ReadonlyArray<OrgPart<CostSummary>>): CostSummary | null {
  if (parts.length === 0) return null;
  const summaries = parts.map((part) => part.answer);
  const covered = summaries.map((s) => s.coveredFrom).filter((day): day is string => day !== null);
  return {
    todayUsd: sumUsd(summaries, (s) => s.todayUsd),
    sevenDayUsd: sumUsd(summaries, (s) => s.sevenDayUsd),
    monthToDateUsd: sumUsd(summaries, (s) => s.monthToDateUsd),
    thirtyDayUsd: sumUsd(summaries, (s) => s.thirtyDayUsd),
    span: summaries[0]!.span,
    spanUsd: sumUsd(summaries, (s) => s.spanUsd),
    coveredFrom: covered.length === 0 ? null : covered.sort().at(-1)!,
    projectedMonthUsd: sumUsd(summaries, (s) => s.projectedMonthUsd),
    byDay: mergeUsd(
      summaries.map((s) => s.byDay),
      (row) => row.date,
      (a, b) => a.date.localeCompare(b.date),
    ),
    byModel: mergeUsd(
      summaries.map((s) => s.byModel),
      (row) => row.model,
      byUsdDesc,
    ),
    byCostType: mergeUsd(
      summaries.map((s) => s.byCostType),
      (row) => row.costType,
      byUsdDesc,
    ),
    byWorkspace: parts
      .flatMap(({ label, answer }) =>
        answer.byWorkspace.map((row) => ({
          ...row,
          name: `${row.name ?? (row.workspaceId === null ? 'Default workspace' : row.workspaceId)} · ${label}`,
        })),
      )
      .sort(byUsdDesc),
    otherCurrencies: [...mergeAmounts(summaries.flatMap((s) => s.otherCurrencies))],
    fetchedAt: summaries.map((s) => s.fetchedAt).sort()[0]!,
    source: summaries.every((s) => s.source === 'live') ? 'live' : 'cached',
    stale: summaries.some((s) => s.stale),
  };
}

function* mergeAmounts(rows: ReadonlyArray<{ currency: string; amount: number }>) {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + cents(row.amount));
  for (const [currency, total] of totals) yield { currency, amount: usdOf(total) };
}

/** The first part's error, its message naming the organization. */
export function firstError(parts: ReadonlyArray<{ label: string; error: CostError | null }>): CostError | null {
  const failing = parts.find((part) => part.error !== null);
  return failing?.error ? { ...failing.error, message: `${failing.label}: ${failing.error.message}` } : null;
}

/**
 * Every organization's costs as one answer: the summed summary, its alarm and forecast over
 * the summed days, and a budget only when every organization has one (their sum).
 */
export function combineCosts(parts: ReadonlyArray<OrgPart<CostsResponse>>): CostsResponse {
  const withSummary = parts.flatMap((part) => (part.answer.summary ? [{ ...part, answer: part.answer.summary }] : []));
  const summary = combineSummaries(withSummary);
  const budgets = parts.map((part) => part.budgetUsd);
  const budgetUsd = budgets.every((b) => b !== null) ? usdOf(budgets.reduce((t, b) => t + cents(b!), 0)) : null;
  const error = firstError(parts.map((part) => ({ label: part.label, error: part.answer.error })));
  const today = summary?.byDay.at(-1)?.date;
  if (!summary || !today)
    return {
      summary,
      error,
      alarm: null,
      budget: describeBudget(budgetUsd, null, []),
      forecast: null,
      explanation: null,
    };
  const forecast = forecastMonth({
    days: summary.byDay.map((day) => ({ date: day.date, amount: BigInt(cents(day.usd)) * UNITS_PER_CENT })),
    today,
    nowMs: Date.parse(summary.fetchedAt),
    coveredFrom: summary.coveredFrom,
    budgetUsd,
  });
  const projected = forecast.kind === 'projected' ? forecast.projectedUsd : undefined;
  const budget = describeBudget(budgetUsd, summary, [], projected);
  if (budgetUsd === null && budgets.some((b) => b !== null))
    budget.detail =
      'Budgets are set per organization: choose one to see its budget, or set one for each to see their sum.';
  return { summary, error, alarm: spendAlarm(summary.byDay, today), budget, forecast, explanation: null };
}

/** Every organization's tokens as one answer (sums, the hit rate computed again). */
export function combineUsage(
  parts: ReadonlyArray<{ label: string; answer: { usage: UsageSummary | null; error: CostError | null } }>,
): { usage: UsageSummary | null; error: CostError | null } {
  const error = firstError(parts.map((part) => ({ label: part.label, error: part.answer.error })));
  const usages = parts.flatMap((part) => (part.answer.usage ? [part.answer.usage] : []));
  if (usages.length === 0) return { usage: null, error };
  type Figures = UsageSummary['totals'];
  const sum = (rows: readonly Figures[]): Figures => {
    const total = Object.fromEntries(TOKEN_COUNT_FIELDS.map((f) => [f, 0])) as Record<
      (typeof TOKEN_COUNT_FIELDS)[number],
      number
    >;
    for (const row of rows) for (const field of TOKEN_COUNT_FIELDS) total[field] += row[field];
    return { ...total, hitRate: hitRate(total) };
  };
  const grouped = <K, R extends Figures>(rows: readonly R[], keyOf: (row: R) => K) => {
    const groups = new Map<K, R[]>();
    for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
    return [...groups].map(([key, list]) => ({ key, figures: sum(list) }));
  };
  const covered = usages.map((u) => u.coveredFrom).filter((day): day is string => day !== null);
  const totalTokens = (f: Figures) =>
    TOKEN_COUNT_FIELDS.reduce((t, field) => t + (field === 'webSearchRequests' ? 0 : f[field]), 0);
  return {
    usage: {
      span: usages[0]!.span,
      totals: sum(usages.map((u) => u.totals)),
      byDay: grouped(
        usages.flatMap((u) => u.byDay),
        (row) => row.date,
      )
        .map(({ key, figures }) => ({ date: key, ...figures }))
        .sort((a, b) => a.date.localeCompare(b.date)),
      byModel: grouped(
        usages.flatMap((u) => u.byModel),
        (row) => row.model,
      )
        .map(({ key, figures }) => ({ model: key, ...figures }))
        .sort((a, b) => totalTokens(b) - totalTokens(a) || String(a.model).localeCompare(String(b.model))),
      coveredFrom: covered.length === 0 ? null : covered.sort().at(-1)!,
      fetchedAt: usages.map((u) => u.fetchedAt).sort()[0]!,
      source: usages.every((u) => u.source === 'live') ? 'live' : 'cached',
      stale: usages.some((u) => u.stale),
    },
    error,
  };
}
