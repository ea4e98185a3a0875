/**
 * Exact money. The Admin API reports `amount` as a decimal string in CENTS ("1234.5678"
 * is $12.345678); the Claude Code report sends a JSON number of cents (`parseCentsNumber`). Amounts are parsed into BigInt units of 10^-9 cent (nano-cents) and
 * summed as integers; digits beyond the ninth decimal are rounded half away from zero.
 * Floats appear only at presentation, after rounding to whole cents.
 */

export type Money = bigint;

export const UNITS_PER_CENT = 1_000_000_000n;
const SCALE_DIGITS = 9;
const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/** Parses a decimal string of cents; returns null for anything that is not a plain decimal. */
export function parseCents(text: string): Money | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const sign = (match[1] ?? match[4]) === '-' ? -1n : 1n;
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? match[5] ?? '';
  const kept = fraction.slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, '0');
  // Small amounts (the common case) fit a double exactly: one BigInt conversion instead of three.
  let units =
    whole.length <= 6 ? BigInt(Number(whole) * 1e9 + Number(kept)) : BigInt(whole) * UNITS_PER_CENT + BigInt(kept);
  const next = fraction.charCodeAt(SCALE_DIGITS);
  if (!Number.isNaN(next) && next >= 53 /* '5' */) units += 1n;
  return sign * units;
}

/**
 * A JSON number of cents, read through its shortest decimal text (what the sender wrote),
 * never through float arithmetic; null for a non-finite or out-of-range number.
 */
export function parseCentsNumber(value: number): Money | null {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return null;
  const text = String(value);
  return parseCents(text.includes('e') ? value.toFixed(SCALE_DIGITS + 1) : text);
}

/** Rounds to whole cents, half away from zero. */
export function toWholeCents(units: Money): bigint {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const cents = (magnitude + UNITS_PER_CENT / 2n) / UNITS_PER_CENT;
  return negative ? -cents : cents;
}

/** The presentation value: USD as a number, rounded to the cent. */
export function toUsd(units: Money): number {
  return Number(toWholeCents(units)) / 100;
}

/** Exact USD for a whole-cent-rounded amount as text ("12.35"), for CSV. */
export function formatUsd(units: Money): string {
  const cents = toWholeCents(units);
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** Serialises for the cache file (BigInt has no JSON form). */
export function moneyToJson(units: Money): string {
  return units.toString();
}

export function moneyFromJson(value: unknown): Money | null {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : null;
}
