/**
 * The daily spend bar chart (recharts) over the summary's span, one bar per UTC day with a
 * tooltip giving the day and its exact amount; with a forecast, the rest of the month drawn
 * after the bars: the pace a day as a dashed line over the shaded quiet-to-busy day range,
 * and a marker at the day the budget is (or was) reached. Loaded lazily by the Overview so
 * the tiles never wait for the chart library. Colours come from the CSS variables, so it
 * follows the theme.
 */
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { ValueType, NameType } from 'recharts/types/component/DefaultTooltipContent';
import type { CostForecast, CostSummary } from '../../api/costs';
import { formatDay, formatUsd } from '../../components';

import { CHART_MARGIN, DAY_AXIS, valueAxis } from './chart-axes';
import { CHART_HEIGHT } from './chart-size';

interface ChartRow {
  date: string;
  usd?: number;
  pace?: number;
  range?: [number, number];
}

function DayTooltip({ active, payload }: Pick<TooltipContentProps<ValueType, NameType>, 'active' | 'payload'>) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__day">
        {formatDay(row.date)} <span className="muted">({row.date} UTC)</span>
      </div>
      {row.usd !== undefined ? (
        <div className="money">{formatUsd(row.usd)}</div>
      ) : (
        <div className="money">
          Projected {formatUsd(row.pace)} <span className="muted">(a quiet to a busy day:</span>{' '}
          {formatUsd(row.range?.[0])}–{formatUsd(row.range?.[1])}
          <span className="muted">)</span>
        </div>
      )}
    </div>
  );
}

/** The bars, then the rest of the month at the forecast's pace and range. */
export function chartRows(byDay: CostSummary['byDay'], forecast: CostForecast | null): ChartRow[] {
  const rows: ChartRow[] = byDay.map((d) => ({ date: d.date, usd: d.usd }));
  if (forecast?.kind !== 'projected') return rows;
  const range: [number, number] = [forecast.lowDayUsd, forecast.highDayUsd];
  return [...rows, ...forecast.restOfMonth.map((date) => ({ date, pace: forecast.paceUsd, range }))];
}

export default function DailyChart({
  byDay,
  forecast = null,
}: {
  byDay: CostSummary['byDay'];
  forecast?: CostForecast | null;
}) {
  const data = chartRows(byDay, forecast);
  const projected = forecast?.kind === 'projected' ? forecast : null;
  const budgetDay =
    projected && (projected.budget.kind === 'on_pace' || projected.budget.kind === 'reached')
      ? projected.budget.date
      : null;
  const compact = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const label =
    `Spend by day over the last ${byDay.length} days` +
    (projected ? `, then projected to month end at ${formatUsd(projected.paceUsd)} a day` : '') +
    (budgetDay ? `; budget reached on ${formatDay(budgetDay)}` : '');
  return (
    <div className="chart" role="img" aria-label={label} data-testid="daily-chart">
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <ComposedChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
          <XAxis {...DAY_AXIS} />
          <YAxis {...valueAxis((v) => compact.format(v))} />
          <Tooltip content={DayTooltip} cursor={{ fill: 'var(--surface-2)' }} isAnimationActive={false} />
          <Bar dataKey="usd" name="Spend" fill="var(--chart-bar)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          {projected && (
            <Area
              dataKey="range"
              name="Quiet to busy day"
              stroke="none"
              fill="var(--chart-bar)"
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          )}
          {projected && (
            <Line
              dataKey="pace"
              name="Projected"
              stroke="var(--chart-bar)"
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {budgetDay && (
            <ReferenceLine
              x={budgetDay}
              stroke="var(--warn)"
              strokeDasharray="3 3"
              label={{ value: 'Budget', position: 'insideTopRight', fill: 'var(--warn)', fontSize: 12 }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
