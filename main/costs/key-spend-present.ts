/**
 * Turns an exact per-key allocation into the answer of `GET /api/costs/keys`: whole cents
 * per row that add up exactly to the rounded total (largest remainder, ties by key id),
 * keys largest first (then by id), one "Not attributable to a key" row with its reasons
 * (their cents add up to the row's), names and statuses from the API keys list.
 */
import type { KeySpendMethod, KeySpendResponse, KeySpendRow } from '../contract/costs-keys.js';
import type { KeyAllocation, UnattributedParts } from './key-allocation.js';
import { toCentsByRow } from './key-cents.js';
import { toWholeCents } from './money.js';

export const UNATTRIBUTED_LABEL = 'Not attributable to a key';

const REASONS: Record<keyof UnattributedParts, string> = {
  workbench: 'Used without an API key (the Console workbench)',
  nonToken: 'Costs other than tokens (web search, code execution and the like)',
  noKeyTokens: 'Token costs of a day and model for which the usage report shows no tokens',
  unmatched: 'Not given to any key by the analytics report (or billed apart from it)',
};

export interface PresentKeySpendInput {
  allocation: KeyAllocation;
  method: KeySpendMethod;
  days: number;
  from: string;
  to: string;
  fetchedAt: string;
  apiKeyName: (id: string) => { name: string; status: string } | null;
}

const pct = (part: bigint, total: bigint) =>
  total === 0n ? 0 : Math.round((Number(part) / Number(total)) * 1000) / 10;

export function presentKeySpend(input: PresentKeySpendInput): KeySpendResponse {
  const { allocation } = input;
  const cents = toCentsByRow([
    ...[...allocation.byKey].map(([id, units]) => ({ id, units })),
    { id: null, units: allocation.unattributed },
  ]);
  const totalCents = toWholeCents(allocation.total);
  const keyRows: KeySpendRow[] = [...allocation.byKey.keys()].map((id) => {
    const value = cents.get(id) ?? 0n;
    const known = input.apiKeyName(id);
    return {
      kind: 'key',
      apiKeyId: id,
      name: known?.name ?? null,
      status: known?.status ?? null,
      cents: Number(value),
      usd: Number(value) / 100,
      sharePct: pct(value, totalCents),
    };
  });
  keyRows.sort((a, b) => b.cents - a.cents || (a.kind === 'key' && b.kind === 'key' ? cmp(a.apiKeyId, b.apiKeyId) : 0));
  const rows = [...keyRows];
  const unattributedCents = cents.get(null) ?? 0n;
  if (unattributedCents !== 0n || allocation.unattributed !== 0n) {
    const partEntries = (Object.keys(REASONS) as Array<keyof UnattributedParts>)
      .filter((reason) => allocation.parts[reason] !== 0n)
      .map((reason) => ({ id: reason, units: allocation.parts[reason] }));
    const partCents = toCentsByRow(partEntries, unattributedCents);
    rows.push({
      kind: 'unattributed',
      label: UNATTRIBUTED_LABEL,
      cents: Number(unattributedCents),
      usd: Number(unattributedCents) / 100,
      sharePct: pct(unattributedCents, totalCents),
      parts: partEntries.map(({ id }) => {
        const value = Number(partCents.get(id) ?? 0n);
        return { reason: REASONS[id as keyof UnattributedParts], cents: value, usd: value / 100 };
      }),
    });
  }
  return {
    days: input.days,
    from: input.from,
    to: input.to,
    method: input.method,
    totalCents: Number(totalCents),
    totalUsd: Number(totalCents) / 100,
    rows,
    emptyReason:
      rows.length === 0 ? `No API spend in the last ${input.days} days (${input.from} to ${input.to}).` : null,
    fetchedAt: input.fetchedAt,
    error: null,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
