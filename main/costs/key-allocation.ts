/**
 * Cost per API key from the organization's own data, in exact integer money (nano-cents).
 * Estimated: each (day, model, token type) amount of the cost report is divided among keys
 * by their share of that day's tokens of that model and type in the usage report. Exact:
 * the analytics report's per-key amounts. Invariant, both ways: the keys' amounts plus the
 * "not attributable to a key" amount equal the cost report's USD total exactly, and the
 * parts of that amount say where it comes from (workbench, non-token costs, no key tokens).
 */
import { splitExact } from './key-cents.js';
import type { Money } from './money.js';

/** The cost report's token types (`token_type`), as the usage report names their counts. */
export const TOKEN_TYPES = [
  'uncached_input_tokens',
  'cache_read_input_tokens',
  'cache_creation.ephemeral_5m_input_tokens',
  'cache_creation.ephemeral_1h_input_tokens',
  'output_tokens',
] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** One amount of the cost report (several rows of the same day/model/type may come; they add up). */
export interface KeyCostCell {
  day: string;
  model: string | null;
  costType: string;
  tokenType: string | null;
  amount: Money;
}

/** One row of the usage report grouped by api_key_id and model: token counts by type. */
export interface KeyUsageRow {
  day: string;
  /** null: usage with no API key (the Console workbench). */
  apiKeyId: string | null;
  model: string | null;
  tokens: Partial<Record<TokenType, number>>;
}

/** One row of the analytics cost report grouped by API key. */
export interface KeyAnalyticsRow {
  day: string;
  apiKeyId: string | null;
  amount: Money;
}

export interface UnattributedParts {
  /** Token costs whose usage has no API key (the Console workbench). */
  workbench: Money;
  /** Costs that are not tokens (web search, code execution…) or name no model or token type. */
  nonToken: Money;
  /** Token costs of a day, model and type for which the usage report shows no tokens at all. */
  noKeyTokens: Money;
  /** Exact method: what the analytics report attributes to no key, and its difference from the cost report. */
  unmatched: Money;
}

export interface KeyAllocation {
  /** Per API key id, exact; keys with zero are absent. */
  byKey: Map<string, Money>;
  unattributed: Money;
  parts: UnattributedParts;
  total: Money;
}

const emptyParts = (): UnattributedParts => ({ workbench: 0n, nonToken: 0n, noKeyTokens: 0n, unmatched: 0n });
const add = (map: Map<string, Money>, id: string, value: Money) => map.set(id, (map.get(id) ?? 0n) + value);

/** The estimated allocation (see the header). */
export function estimateByKey(cells: readonly KeyCostCell[], usage: readonly KeyUsageRow[]): KeyAllocation {
  // (day, model) → per token type (TOKEN_TYPES order) → key id (null = no key) → tokens
  // (integers: sums stay far below 2^53). One string key per usage row and per cell.
  const tokensByDayModel = new Map<string, Array<Map<string | null, number> | undefined>>();
  for (const row of usage) {
    const dayModel = `${row.day}\u0000${row.model ?? ''}`;
    let byType = tokensByDayModel.get(dayModel);
    for (const [index, type] of TOKEN_TYPES.entries()) {
      const count = row.tokens[type];
      if (!count || count <= 0) continue;
      if (!byType) tokensByDayModel.set(dayModel, (byType = []));
      let byKey = byType[index];
      if (!byKey) byType[index] = byKey = new Map();
      byKey.set(row.apiKeyId, (byKey.get(row.apiKeyId) ?? 0) + Math.trunc(count));
    }
  }
  // Merge the cost report's amounts per cell first, so each cell is divided once.
  const amounts = new Map<string, { dayModel: string; typeIndex: number; amount: Money }>();
  const parts = emptyParts();
  let total = 0n;
  for (const cell of cells) {
    total += cell.amount;
    const typeIndex = cell.tokenType === null ? -1 : (TOKEN_TYPES as readonly string[]).indexOf(cell.tokenType);
    if (cell.costType !== 'tokens' || cell.model === null || typeIndex < 0) {
      parts.nonToken += cell.amount;
      continue;
    }
    const dayModel = `${cell.day}\u0000${cell.model}`;
    const cellKey = `${dayModel}\u0000${typeIndex}`;
    const held = amounts.get(cellKey);
    if (held) held.amount += cell.amount;
    else amounts.set(cellKey, { dayModel, typeIndex, amount: cell.amount });
  }
  const byKey = new Map<string, Money>();
  for (const { dayModel, typeIndex, amount } of amounts.values()) {
    const tokens = tokensByDayModel.get(dayModel)?.[typeIndex];
    if (!tokens || tokens.size === 0) {
      parts.noKeyTokens += amount;
      continue;
    }
    const weights = [...tokens].map(([id, count]) => [id, BigInt(count)] as const);
    for (const [id, share] of splitExact(amount, weights)) {
      if (id === null) parts.workbench += share;
      else if (share !== 0n) add(byKey, id, share);
    }
  }
  return finish(byKey, parts, total);
}

/**
 * The exact allocation: the analytics amounts per key; what the analytics report gives no
 * key, and any difference between its total and the cost report's (`costReportTotal`), is
 * not attributable, so the rows still add up to the cost report's total.
 */
export function exactByKey(rows: readonly KeyAnalyticsRow[], costReportTotal: Money): KeyAllocation {
  const byKey = new Map<string, Money>();
  let keyed = 0n;
  for (const row of rows) {
    if (row.apiKeyId === null) continue;
    add(byKey, row.apiKeyId, row.amount);
    keyed += row.amount;
  }
  const parts = emptyParts();
  parts.unmatched = costReportTotal - keyed;
  return finish(byKey, parts, costReportTotal);
}

function finish(byKey: Map<string, Money>, parts: UnattributedParts, total: Money): KeyAllocation {
  for (const [id, value] of byKey) if (value === 0n) byKey.delete(id);
  const unattributed = parts.workbench + parts.nonToken + parts.noKeyTokens + parts.unmatched;
  return { byKey, unattributed, parts, total };
}
