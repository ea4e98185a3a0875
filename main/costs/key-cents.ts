/**
 * Exact splitting of money for cost per API key. `splitExact` divides an amount (integer
 * nano-cents) by integer weights so the parts sum to the amount exactly; `toCentsByRow`
 * rounds rows to whole cents so they sum to the rounded total exactly. Both hand out the
 * remainder by largest remainder, ties broken by id (ascending; the null id — "not
 * attributable to a key" — last), so the same input always gives the same answer.
 */
import { UNITS_PER_CENT, toWholeCents, type Money } from './money.js';

/** Floor division for BigInt (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function compareIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Hands `extra` (0 ≤ extra ≤ parts) one unit each to the parts with the largest remainders. */
function handOut<T extends { id: string | null; rest: bigint }>(parts: T[], extra: bigint, give: (part: T) => void) {
  if (extra <= 0n) return;
  const order = [...parts].sort((x, y) => (x.rest === y.rest ? compareIds(x.id, y.id) : x.rest > y.rest ? -1 : 1));
  for (let i = 0; i < Number(extra) && i < order.length; i += 1) give(order[i] as T);
}

/**
 * `amount × weight / Σweights` for each entry, floored, plus one unit for the entries with
 * the largest remainders until the parts sum to `amount`. Weights must be ≥ 0 with a
 * positive sum. Entries of the same id must be merged by the caller.
 */
export function splitExact(
  amount: Money,
  weights: ReadonlyArray<readonly [string | null, bigint]>,
): Map<string | null, Money> {
  let sum = 0n;
  for (const [, weight] of weights) sum += weight;
  if (sum <= 0n) throw new RangeError('splitExact needs a positive sum of weights');
  const parts = weights.map(([id, weight]) => {
    const product = amount * weight;
    const share = floorDiv(product, sum);
    return { id, share, rest: product - share * sum };
  });
  let given = 0n;
  for (const part of parts) given += part.share;
  handOut(parts, amount - given, (part) => {
    part.share += 1n;
  });
  return new Map(parts.map((part) => [part.id, part.share]));
}

/**
 * Whole cents per row, summing exactly to `targetCents` — by default the row total rounded
 * to the cent (half away from zero, as everywhere else): each row floored to the cent, the
 * missing cents given to the rows with the largest remainders. A target must lie between
 * the sum of the floors and that sum plus the number of rows (any rounding of the total does).
 */
export function toCentsByRow(
  rows: ReadonlyArray<{ id: string | null; units: Money }>,
  targetCents?: bigint,
): Map<string | null, bigint> {
  let total = 0n;
  for (const row of rows) total += row.units;
  const parts = rows.map(({ id, units }) => {
    const cents = floorDiv(units, UNITS_PER_CENT);
    return { id, cents, rest: units - cents * UNITS_PER_CENT };
  });
  let floored = 0n;
  for (const part of parts) floored += part.cents;
  handOut(parts, (targetCents ?? toWholeCents(total)) - floored, (part) => {
    part.cents += 1n;
  });
  return new Map(parts.map((part) => [part.id, part.cents]));
}
