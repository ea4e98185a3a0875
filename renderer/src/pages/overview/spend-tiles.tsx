/**
 * The five spend tiles (Today, 7 days, Month to date, 30 days, Projected month end),
 * each with its freshness line; the projected tile shows the forecast (its range and the
 * budget date) when there is one, else the summary's average-so-far projection. While loading they keep their final size (skeletons of
 * fixed height), so nothing jumps when the figures arrive.
 */
import type { CostError, CostForecast, CostSummary } from '../../api/costs';
import { formatExact, Money, Skeleton, useNow } from '../../components';
import { ForecastNote } from './forecast-note';
import { describeFreshness } from './freshness';

export const TILES: ReadonlyArray<{
  key: keyof Pick<CostSummary, 'todayUsd' | 'sevenDayUsd' | 'monthToDateUsd' | 'thirtyDayUsd' | 'projectedMonthUsd'>;
  label: string;
}> = [
  { key: 'todayUsd', label: 'Today' },
  { key: 'sevenDayUsd', label: '7 days' },
  { key: 'monthToDateUsd', label: 'Month to date' },
  { key: 'thirtyDayUsd', label: '30 days' },
  { key: 'projectedMonthUsd', label: 'Projected month end' },
];

export function SpendTiles({
  summary,
  error,
  forecast = null,
}: {
  summary: CostSummary | null;
  error: CostError | null;
  forecast?: CostForecast | null;
}) {
  const now = useNow();
  const value = (key: (typeof TILES)[number]['key'], figures: CostSummary) =>
    key === 'projectedMonthUsd' && forecast?.kind === 'projected' ? forecast.projectedUsd : figures[key];
  const freshness = summary ? describeFreshness(summary, error, now) : null;
  return (
    <div className="tiles" data-testid="spend-tiles" aria-busy={summary ? undefined : true}>
      {TILES.map((tile) => (
        <div className="card tile" key={tile.key} data-testid={`tile-${tile.key}`}>
          <span className="tile__label">{tile.label}</span>
          <span className="tile__value">
            {summary ? <Money usd={value(tile.key, summary)} /> : <Skeleton width="70%" height={32} />}
          </span>
          {summary && forecast && tile.key === 'projectedMonthUsd' && <ForecastNote forecast={forecast} />}
          <span
            className={`tile__foot tile__foot--${freshness?.tone ?? 'none'}`}
            title={summary ? `Fetched ${formatExact(summary.fetchedAt)}` : undefined}
          >
            {freshness ? freshness.text : <Skeleton width="50%" height={12} />}
          </span>
        </div>
      ))}
    </div>
  );
}
