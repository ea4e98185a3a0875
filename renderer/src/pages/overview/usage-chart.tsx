/**
 * Tokens by type per UTC day (recharts stacked bars: uncached input, cache read, cache
 * writes 5 m and 1 h, output), with a tooltip giving the day's counts and hit rate. Loaded
 * lazily by the usage panel; colours come from CSS variables, so it follows the theme.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageSummary } from '../../api/usage';
import { formatCount, formatDay } from '../../components';
import { CHART_MARGIN, DAY_AXIS, valueAxis } from './chart-axes';
import { CHART_HEIGHT } from './chart-size';
import { TOKEN_TYPES } from './usage-types';

export default function UsageChart({ byDay }: { byDay: UsageSummary['byDay'] }) {
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
  return (
    <div
      className="chart"
      role="img"
      aria-label={`Tokens by type per day over the last ${byDay.length} days`}
      data-testid="usage-chart"
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={byDay} margin={CHART_MARGIN}>
          <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
          <XAxis {...DAY_AXIS} />
          <YAxis {...valueAxis((v) => compact.format(v))} />
          <Tooltip
            formatter={(value) => formatCount(Number(value))}
            labelFormatter={(d) => `${formatDay(String(d))} (${String(d)} UTC)`}
            isAnimationActive={false}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {TOKEN_TYPES.map((type) => (
            <Bar
              key={type.key}
              dataKey={type.key}
              name={type.label}
              stackId="tokens"
              fill={type.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
