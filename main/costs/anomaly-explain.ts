/**
 * Why the anomaly alarm fires: the (model, workspace) pairs whose spend today rose most over
 * their usual, against the alarm's own baseline (alarm.ts: the days before today, in the
 * 30-day chart, that had spend). A pair's usual is its mean over those days (0 on a baseline
 * day without it), so the pairs' usuals add up to the alarm's mean. Exact money; only USD
 * rows count, as in every USD figure. By model and workspace: the cost report has no API
 * key dimension (cost per key is estimated separately, `GET /api/costs/keys`).
 * Null unless the alarm fires; `unavailable` says why the rows cannot be read.
 */
import type { AnomalyExplanation, SpendContributor } from '../contract/costs-forecast.js';
import type { CostRow } from './cost-client.js';
import type { CostAlarm, CostSummary } from './cost-types.js';
import { formatUsd, toUsd, type Money } from './money.js';

export const TOP_CONTRIBUTORS = 3;
export const NO_MODEL_LABEL = 'Costs without a model (web search, code execution)';

export interface ExplainInput {
  alarm: CostAlarm | null;
  /** The held cost rows (read only while the alarm fires); null when only a summary is held (the previous version's cache). */
  rows: () => readonly CostRow[] | null;
  /** The alarm's days (the 30-day chart). */
  byDay: CostSummary['byDay'];
  today: string;
  /** A workspace's name, or its id while names are unknown; never called for null (Default workspace). */
  workspaceName: (id: string) => string;
  /** Where a workspace is, in a sentence ("workspace Research" unless given); never called for null. */
  place?: (id: string) => string;
}

export function explainAnomaly(input: ExplainInput): AnomalyExplanation | null {
  if (input.alarm?.kind !== 'alarm') return null;
  const rows = input.rows();
  if (!rows)
    return {
      kind: 'unavailable',
      detail: 'The models and workspaces behind today’s spend appear after the next refresh (only a summary is held).',
    };
  const { today } = input;
  const baseline = new Set(input.byDay.filter((d) => d.date < today && Math.round(d.usd * 100) > 0).map((d) => d.date));
  const pairs = new Map<string, { model: string | null; workspaceId: string | null; today: Money; base: Money }>();
  for (const row of rows) {
    if (row.currency !== 'USD' || (row.day !== today && !baseline.has(row.day))) continue;
    const key = JSON.stringify([row.model, row.workspaceId]);
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { model: row.model, workspaceId: row.workspaceId, today: 0n, base: 0n }));
    if (row.day === today) pair.today += row.amount;
    else pair.base += row.amount;
  }
  const n = BigInt(Math.max(1, baseline.size));
  const ranked = [...pairs.values()]
    .map((pair) => ({ ...pair, usual: pair.base / n, delta: pair.today - pair.base / n }))
    .filter((pair) => pair.delta > 0n)
    .sort((a, b) =>
      a.delta === b.delta
        ? `${a.model} ${a.workspaceId}`.localeCompare(`${b.model} ${b.workspaceId}`)
        : a.delta > b.delta
          ? -1
          : 1,
    )
    .slice(0, TOP_CONTRIBUTORS);
  const contributors = ranked.map((pair): SpendContributor => {
    const workspaceName = pair.workspaceId === null ? 'Default workspace' : input.workspaceName(pair.workspaceId);
    const where =
      pair.workspaceId === null
        ? 'the Default workspace'
        : (input.place?.(pair.workspaceId) ?? `workspace ${workspaceName}`);
    return {
      model: pair.model,
      workspaceId: pair.workspaceId,
      workspaceName,
      todayUsd: toUsd(pair.today),
      usualUsd: toUsd(pair.usual),
      deltaUsd: toUsd(pair.delta),
      sentence: `${pair.model ?? NO_MODEL_LABEL} in ${where}: +$${formatUsd(pair.delta)} vs a usual $${formatUsd(pair.usual)}`,
    };
  });
  const detail =
    contributors.length === 0
      ? 'No single model and workspace spent more than its usual today; the rise is spread thinly.'
      : `The ${contributors.length === 1 ? 'model and workspace' : `${contributors.length} models and workspaces`} that rose most over their usual (mean of ${baseline.size} earlier days with spend).`;
  return { kind: 'contributors', contributors, baselineDays: baseline.size, detail };
}
