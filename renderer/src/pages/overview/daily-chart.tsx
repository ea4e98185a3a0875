/**
 * The daily spend bar chart (recharts) over the summary's span, one bar per UTC day with a tooltip giving the
 * day and its exact amount. Loaded lazily by the Overview so the tiles never wait for
 * the chart library. Colours come from the CSS variables, so it follows the theme.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { ValueType, NameType } from 'recharts/types/component/DefaultTooltipContent';
import type { CostSummary } from '../../api/costs';
import { formatDay, formatUsd } from '../../components';

import { CHART_MARGIN, DAY_AXIS, valueAxis } from './chart-axes';
import { CHART_HEIGHT } from './chart-size';

function DayTooltip({ active, payload }: Pick<TooltipContentProps<ValueType, NameType>, 'active' | 'payload'>) {
  const row = payload?.[0]?.payload as { date: string; usd: number } | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__day">
        {formatDay(row.date)} <span className="muted">({row.date} UTC)</span>
      </div>
      <div className="money">{formatUsd(row.usd)}</div>
    </div>
  );
}

export default function DailyChart({ byDay }: { byDay: CostSummary['byDay'] }) {
  const data = byDay;
  const compact = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (
    <div
      className="chart"
      role="img"
      aria-label={`Spend by day over the last ${data.length} days`}
      data-testid="daily-chart"
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
          <XAxis {...DAY_AXIS} />
          <YAxis {...valueAxis((v) => compact.format(v))} />
          <Tooltip content={DayTooltip} cursor={{ fill: 'var(--surface-2)' }} isAnimationActive={false} />
          <Bar dataKey="usd" name="Spend" fill="var(--chart-bar)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
