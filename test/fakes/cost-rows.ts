/**
 * Data builders for the fake Admin API: cost rows for N UTC days, with a rotation of
 * models (including null-model web search and code execution costs), workspaces
 * (including the default workspace, null) and fractional-cent amounts. Also a tiny
 * independent decimal adder, so tests compute expectations without the product's money.ts.
 */

export interface FakeCostRow {
  /** UTC day `YYYY-MM-DD` of the bucket. */
  date: string;
  /** Decimal string in cents, as the real API sends it. */
  amount: string;
  model: string | null;
  costType: string;
  workspaceId: string | null;
  description: string;
  tokenType?: string | null;
  /** `USD` when absent. */
  currency?: string;
}

export const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'] as const;

export function addDays(date: string, count: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);
}

export interface BuildRowsOptions {
  /** First day. */
  start: string;
  days: number;
  perDay: number;
  /** The amount (cents, decimal string) of the i-th row of day d; a varied fractional default. */
  amount?: (day: number, index: number) => string;
}

/** `days × perDay` rows; every 5th row is a null-model cost, every 3rd in the default workspace. */
export function buildCostRows(options: BuildRowsOptions): FakeCostRow[] {
  const amount =
    options.amount ??
    ((day: number, index: number) =>
      `${(day * 7 + index * 13) % 997}.${String((day * 31 + index * 17) % 10000).padStart(4, '0')}`);
  const rows: FakeCostRow[] = [];
  for (let day = 0; day < options.days; day += 1) {
    const date = addDays(options.start, day);
    for (let index = 0; index < options.perDay; index += 1) {
      rows.push(row(date, amount(day, index), index));
    }
  }
  return rows;
}

export function row(date: string, amount: string, variant = 0): FakeCostRow {
  const noModel = variant % 5 === 4;
  const model = noModel ? null : (MODELS[variant % MODELS.length] ?? null);
  return {
    date,
    amount,
    model,
    costType: noModel ? (variant % 2 === 0 ? 'web_search' : 'code_execution') : 'tokens',
    workspaceId: variant % 3 === 0 ? null : `wrkspc_${variant % 3}`,
    description: noModel ? 'Web Search' : `${model} Usage - Input Tokens`,
    tokenType: noModel ? null : 'uncached_input_tokens',
  };
}

const SCALE = 10n ** 12n;

/** Sum of decimal strings (cents) as exact whole cents rounded half up, for expectations. */
export function sumCentsExact(amounts: readonly string[]): { micro: bigint; usd: number } {
  let total = 0n;
  for (const amount of amounts) {
    const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
    const value = BigInt(whole) * SCALE + BigInt(fraction.padEnd(12, '0').slice(0, 12));
    total += amount.startsWith('-') ? -value : value;
  }
  const cents = (total + SCALE / 2n) / SCALE;
  return { micro: total, usd: Number(cents) / 100 };
}
