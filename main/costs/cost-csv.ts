/**
 * The CSV export: one row per UTC day of the window (oldest first) with the day's total
 * in USD and one column per model (models ordered by name, "(no model)" last for
 * non-token costs). Each cell is rounded to the cent from the exact sum. RFC 4180 quoting.
 */
import type { CostSnapshot } from './aggregate.js';
import { formatUsd, type Money } from './money.js';

export const NO_MODEL_COLUMN = '(no model)';

export function costsCsv(snapshot: Pick<CostSnapshot, 'dayModel'>, days: readonly string[]): string {
  const models = [...new Set(snapshot.dayModel.map((cell) => cell.model))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  );
  const cells = new Map<string, Money>();
  const totals = new Map<string, Money>();
  for (const cell of snapshot.dayModel) {
    cells.set(
      `${cell.date}|${cell.model ?? NO_MODEL_COLUMN}`,
      (cells.get(`${cell.date}|${cell.model ?? NO_MODEL_COLUMN}`) ?? 0n) + cell.amount,
    );
    totals.set(cell.date, (totals.get(cell.date) ?? 0n) + cell.amount);
  }
  const header = ['date', 'total_usd', ...models.map((model) => model ?? NO_MODEL_COLUMN)];
  const lines = [header.map(quote).join(',')];
  for (const day of days) {
    const row = [
      day,
      formatUsd(totals.get(day) ?? 0n),
      ...models.map((model) => formatUsd(cells.get(`${day}|${model ?? NO_MODEL_COLUMN}`) ?? 0n)),
    ];
    lines.push(row.map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function quote(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
