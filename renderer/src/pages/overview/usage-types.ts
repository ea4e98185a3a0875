/** The token types shown by the usage panel and chart, in stacking order, with their colours (CSS variables). */
export const TOKEN_TYPES = [
  { key: 'uncachedInputTokens', label: 'Input (uncached)', colour: 'var(--chart-bar)' },
  { key: 'cacheReadInputTokens', label: 'Cache read', colour: 'var(--ok)' },
  { key: 'cacheCreation5mInputTokens', label: 'Cache write 5 min', colour: 'var(--warn)' },
  { key: 'cacheCreation1hInputTokens', label: 'Cache write 1 h', colour: 'var(--danger)' },
  { key: 'outputTokens', label: 'Output', colour: 'var(--text-muted)' },
] as const;

/** A hit rate (0–1) as a percentage with one decimal; "—" when there was no input. */
export function formatHitRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
