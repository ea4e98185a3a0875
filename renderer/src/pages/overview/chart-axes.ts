/**
 * The look both per-day bar charts share (spend, tokens): the day axis along the bottom
 * and a compact value axis, as props for recharts' XAxis and YAxis (recharts needs its
 * axis elements as direct children, so the props are shared, not a wrapper component).
 */
import { formatDay } from '../../components';

const TICK = { fill: 'var(--text-muted)', fontSize: 12 };

export const DAY_AXIS = {
  dataKey: 'date',
  tickFormatter: (d: string) => formatDay(d),
  tick: TICK,
  tickLine: false,
  axisLine: false,
  minTickGap: 16,
} as const;

export function valueAxis(format: (value: number) => string) {
  return { tickFormatter: format, tick: TICK, tickLine: false, axisLine: false, width: 56 } as const;
}

export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
