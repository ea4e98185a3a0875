/**
 * The forecast and the anomaly explanation on the Overview, against a scripted server: the
 * Projected tile shows the forecast's month end with its range and the budget date in
 * words; without a projection it says why; the alarm card lists the contributors' sentences
 * while it fires, and says why when they cannot be named. The chart's rows continue past
 * today at the forecast's pace.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CostForecast, CostsResponse } from '../../renderer/src/api/costs';
import { chartRows } from '../../renderer/src/pages/overview/daily-chart';
import { costsAnswer, renderOverview, serve, SUMMARY } from './overview-support';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const FORECAST: CostForecast = {
  kind: 'projected',
  month: '2026-11',
  monthToDateUsd: 230,
  projectedUsd: 412.34,
  lowUsd: 301.5,
  highUsd: 520.75,
  paceUsd: 12.1,
  lowDayUsd: 4,
  highDayUsd: 20.5,
  paceDays: 14,
  paceFrom: '2026-11-10',
  paceTo: '2026-11-23',
  restOfMonth: ['2026-11-25', '2026-11-26'],
  budget: { kind: 'on_pace', date: '2026-11-26', detail: 'At this pace the budget $400.00 is reached on 2026-11-26.' },
  detail: 'Projected month end $412.34 …',
};

function show(answer: Partial<CostsResponse>) {
  serve({ '/api/costs': () => [200, { ...costsAnswer(SUMMARY), ...answer }] });
  renderOverview();
}

describe('the Projected tile', () => {
  it('shows the forecast, its range and the day the budget is reached at this pace', async () => {
    show({ forecast: FORECAST });
    const tile = await screen.findByTestId('tile-projectedMonthUsd');
    await within(tile).findByTestId('forecast-note');
    expect(tile.querySelector('.tile__value')?.textContent).toBe('$412.34'); // not the summary's $400
    expect(within(tile).getByTestId('forecast-note').textContent).toBe('Projected $412.34 (range $301.50–$520.75)');
    expect(within(tile).getByTestId('forecast-budget').textContent).toBe('Budget reached on Nov 26 at this pace');
  });

  it('says when the budget was reached already, or is not reached this month, and nothing without a budget', async () => {
    show({ forecast: { ...FORECAST, budget: { kind: 'reached', date: '2026-11-18', detail: '' } } });
    expect((await screen.findByTestId('forecast-budget')).textContent).toBe('Budget reached on Nov 18');
    cleanup();
    show({ forecast: { ...FORECAST, budget: { kind: 'not_this_month', detail: '' } } });
    expect((await screen.findByTestId('forecast-budget')).textContent).toBe(
      'Budget not reached this month at this pace',
    );
    cleanup();
    show({ forecast: { ...FORECAST, budget: { kind: 'unset', detail: 'No monthly budget set.' } } });
    await screen.findByTestId('forecast-note');
    expect(screen.queryByTestId('forecast-budget')).toBeNull();
  });

  it('without a projection says why and keeps the average-so-far figure', async () => {
    show({
      forecast: { kind: 'no_history', month: '2026-11', monthToDateUsd: 5, detail: 'No month-end projection yet: …' },
    });
    const tile = await screen.findByTestId('tile-projectedMonthUsd');
    expect((await within(tile).findByTestId('forecast-note')).textContent).toBe('No month-end projection yet: …');
    expect(tile.querySelector('.tile__value')?.textContent).toBe('$400.00');
  });
});

describe('the anomaly card', () => {
  const ALARM: CostsResponse['alarm'] = {
    kind: 'alarm',
    todayUsd: 65,
    meanUsd: 15.5,
    stdUsd: 0.58,
    zScore: 85.6,
    baselineDays: 4,
    detail: "Today's spend $65.00 is 85.6 standard deviations above the daily mean of $15.50 (4 days with spend).",
  };
  const sentences = [
    'claude-x in workspace Research: +$41.00 vs a usual $6.00',
    'claude-y in the Default workspace: +$8.00 vs a usual $2.00',
  ];

  it('lists the top contributors in words while the alarm fires', async () => {
    show({
      alarm: ALARM,
      explanation: {
        kind: 'contributors',
        baselineDays: 4,
        detail: 'The 2 models and workspaces that rose most over their usual (mean of 4 earlier days with spend).',
        contributors: sentences.map((sentence, i) => ({
          model: `claude-${i}`,
          workspaceId: null,
          workspaceName: 'Default workspace',
          todayUsd: 1,
          usualUsd: 1,
          deltaUsd: 1,
          sentence,
        })),
      },
    });
    const list = await screen.findByTestId('alarm-contributors');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(sentences);
    expect(within(screen.getByTestId('alarm')).getByText('Unusual spend today')).toBeTruthy();
  });

  it('says why the contributors cannot be named, and shows nothing while the alarm is quiet', async () => {
    show({ alarm: ALARM, explanation: { kind: 'unavailable', detail: 'They appear after the next refresh.' } });
    expect((await screen.findByTestId('alarm-contributors')).textContent).toBe('They appear after the next refresh.');
    cleanup();
    show({ alarm: { ...ALARM, kind: 'ok' }, explanation: null });
    await screen.findByTestId('alarm');
    expect(screen.queryByTestId('alarm-contributors')).toBeNull();
  });
});

describe('the chart rows', () => {
  it('continue past today at the pace, the range from a quiet to a busy day', () => {
    expect(chartRows(SUMMARY.byDay, FORECAST)).toEqual([
      { date: '2026-11-23', usd: 10 },
      { date: '2026-11-24', usd: 12.5 },
      { date: '2026-11-25', pace: 12.1, range: [4, 20.5] },
      { date: '2026-11-26', pace: 12.1, range: [4, 20.5] },
    ]);
    expect(chartRows(SUMMARY.byDay, null)).toHaveLength(2);
  });
});
