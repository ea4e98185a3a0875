/**
 * Formatting shared by every page: money (Intl currency in the user's locale), counts,
 * and relative/exact times. Pure functions with the locale and "now" injectable, so tests
 * pin them; formatters are cached per locale because Intl constructors are costly.
 */

const usdFormatters = new Map<string, Intl.NumberFormat>();

export function defaultLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

/** US dollars in the locale's currency format; cents always shown, `—` for no value. */
export function formatUsd(value: number | null | undefined, locale: string = defaultLocale()): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let formatter = usdFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    usdFormatters.set(locale, formatter);
  }
  return formatter.format(value);
}

export function formatCount(value: number, locale: string = defaultLocale()): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatPercent(value: number, locale: string = defaultLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value) + '%';
}

/** "just now", "6 min ago", "3 h ago", "2 d ago"; future times read "in 5 min". */
export function formatRelative(date: Date | string | number, now: number = Date.now()): string {
  const then = typeof date === 'object' ? date.getTime() : new Date(date).getTime();
  if (!Number.isFinite(then)) return 'unknown time';
  const diffS = Math.round((now - then) / 1000);
  const abs = Math.abs(diffS);
  let text: string;
  if (abs < 45) return 'just now';
  else if (abs < 3600) text = `${Math.max(1, Math.round(abs / 60))} min`;
  else if (abs < 86_400) text = `${Math.round(abs / 3600)} h`;
  else if (abs < 86_400 * 60) text = `${Math.round(abs / 86_400)} d`;
  else return formatExact(then);
  return diffS >= 0 ? `${text} ago` : `in ${text}`;
}

/** The exact local date and time, shown on hover next to every relative time. */
export function formatExact(date: Date | string | number, locale: string = defaultLocale()): string {
  const d = typeof date === 'object' ? date : new Date(date);
  if (!Number.isFinite(d.getTime())) return 'unknown time';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

/** "1 h 02 min", "3 min 05 s", "4.2 s" — durations of runs and retries. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A UTC calendar date "2026-11-24" shown as "Nov 24" in the locale. */
export function formatDay(isoDate: string, locale: string = defaultLocale()): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}
