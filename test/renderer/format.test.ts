/**
 * Money, relative-time and duration formatting: locale currency with cents and tabular
 * figures left to CSS, "—" for missing amounts, and relative times a person reads at a
 * glance ("6 min ago") with the exact time available separately.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatExact, formatRelative, formatUsd } from '../../renderer/src/components/format';

describe('formatUsd', () => {
  it('formats US dollars in the given locale, always with cents', () => {
    expect(formatUsd(1234.5, 'en-US')).toBe('$1,234.50');
    expect(formatUsd(0, 'en-US')).toBe('$0.00');
    expect(formatUsd(1234.5, 'de-DE')).toMatch(/^1\.234,50\s\$$/);
    expect(formatUsd(1234.5, 'fr-FR')).toMatch(/^1\s234,50\s\$US$/);
  });

  it('rounds to the cent and keeps the sign of refunds', () => {
    expect(formatUsd(0.005, 'en-US')).toBe('$0.01');
    expect(formatUsd(-12.3, 'en-US')).toBe('-$12.30');
  });

  it('shows a dash when there is no amount', () => {
    expect(formatUsd(null, 'en-US')).toBe('—');
    expect(formatUsd(undefined, 'en-US')).toBe('—');
    expect(formatUsd(Number.NaN, 'en-US')).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  it('reads past times in minutes, hours and days', () => {
    expect(formatRelative('2026-11-24T11:59:40Z', now)).toBe('just now');
    expect(formatRelative('2026-11-24T11:54:00Z', now)).toBe('6 min ago');
    expect(formatRelative('2026-11-24T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2026-11-21T12:00:00Z', now)).toBe('3 d ago');
  });

  it('reads future times as "in …" and unreadable ones as unknown', () => {
    expect(formatRelative('2026-11-24T12:05:00Z', now)).toBe('in 5 min');
    expect(formatRelative('not a date', now)).toBe('unknown time');
  });

  it('falls back to the exact date for times months away', () => {
    expect(formatRelative('2026-01-01T00:00:00Z', now)).toBe(formatExact('2026-01-01T00:00:00Z'));
  });
});

describe('formatDuration', () => {
  it('keeps a tenth of a second below 10 s, then minutes and hours', () => {
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(-1)).toBe('—');
  });
});
