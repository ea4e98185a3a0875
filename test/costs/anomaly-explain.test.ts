/**
 * The anomaly explanation on a fixture whose contributors are known: the (model, workspace)
 * pairs that rose most over their usual (their mean over the alarm's baseline days — the
 * earlier days with spend, a day without spend excluded), at most three, in words; non-USD
 * rows ignored; null while the alarm does not fire; `unavailable` without rows.
 */
import { describe, expect, it } from 'vitest';
import { spendAlarm } from '../../main/costs/alarm.js';
import { explainAnomaly } from '../../main/costs/anomaly-explain.js';
import type { CostRow } from '../../main/costs/cost-client.js';
import { UNITS_PER_CENT } from '../../main/costs/money.js';

const TODAY = '2026-11-20';
const BASELINE = ['2026-11-15', '2026-11-16', '2026-11-18', '2026-11-19']; // Nov 17 had no spend

function row(day: string, usd: number, model: string | null, workspaceId: string | null, currency = 'USD'): CostRow {
  return {
    day,
    amount: BigInt(Math.round(usd * 100)) * UNITS_PER_CENT,
    model,
    costType: 'tokens',
    workspaceId,
    currency,
  };
}

const rows: CostRow[] = [
  ...BASELINE.flatMap((day, i) => [
    row(day, 6, 'claude-x', 'ws_r'),
    row(day, 2, 'claude-y', null),
    row(day, 4, 'claude-z', 'ws_q'),
    row(day, 3, 'claude-w', 'ws_q'),
    ...(i % 2 === 0 ? [row(day, 1, null, 'ws_r')] : []),
  ]),
  row(TODAY, 47, 'claude-x', 'ws_r'), // +41 over 6
  row(TODAY, 10, 'claude-y', null), // +8 over 2
  row(TODAY, 3, null, 'ws_r'), // +2.50 over 0.50
  row(TODAY, 5, 'claude-z', 'ws_q'), // +1 over 4: fourth, left out
  row(TODAY, 900, 'claude-x', 'ws_r', 'EUR'), // another currency: never in a USD figure
];
const byDay = [
  { date: '2026-11-15', usd: 16 },
  { date: '2026-11-16', usd: 15 },
  { date: '2026-11-17', usd: 0 },
  { date: '2026-11-18', usd: 16 },
  { date: '2026-11-19', usd: 15 },
  { date: TODAY, usd: 65 },
];
const names: Record<string, string> = { ws_r: 'Research' };
const workspaceName = (id: string) => names[id] ?? id;

describe('explainAnomaly', () => {
  it('names the three pairs that rose most over their usual, in words', () => {
    const alarm = spendAlarm(byDay, TODAY);
    expect(alarm.kind).toBe('alarm');
    const explanation = explainAnomaly({ alarm, rows: () => rows, byDay, today: TODAY, workspaceName });
    expect(explanation).toMatchObject({ kind: 'contributors', baselineDays: 4 });
    if (explanation?.kind !== 'contributors') throw new Error('expected contributors');
    expect(explanation.contributors.map((c) => c.sentence)).toEqual([
      'claude-x in workspace Research: +$41.00 vs a usual $6.00',
      'claude-y in the Default workspace: +$8.00 vs a usual $2.00',
      'Costs without a model (web search, code execution) in workspace Research: +$2.50 vs a usual $0.50',
    ]);
    expect(explanation.contributors[0]).toEqual({
      model: 'claude-x',
      workspaceId: 'ws_r',
      workspaceName: 'Research',
      todayUsd: 47,
      usualUsd: 6,
      deltaUsd: 41,
      sentence: 'claude-x in workspace Research: +$41.00 vs a usual $6.00',
    });
    expect(explanation.contributors[1]).toMatchObject({ workspaceId: null, workspaceName: 'Default workspace' });
  });

  it('shows a workspace by id while its name is unknown', () => {
    const explanation = explainAnomaly({
      alarm: spendAlarm(byDay, TODAY),
      rows: () => rows,
      byDay,
      today: TODAY,
      workspaceName: (id) => id,
    });
    expect(explanation?.kind === 'contributors' && explanation.contributors[0]?.sentence).toBe(
      'claude-x in workspace ws_r: +$41.00 vs a usual $6.00',
    );
  });

  it('is null while the alarm does not fire, and says why without rows', () => {
    const calm = byDay.map((d) => (d.date === TODAY ? { ...d, usd: 16 } : d));
    expect(
      explainAnomaly({
        alarm: spendAlarm(calm, TODAY),
        rows: () => {
          throw new Error('the rows are read only while the alarm fires');
        },
        byDay: calm,
        today: TODAY,
        workspaceName,
      }),
    ).toBeNull();
    expect(explainAnomaly({ alarm: null, rows: () => rows, byDay, today: TODAY, workspaceName })).toBeNull();
    expect(
      explainAnomaly({ alarm: spendAlarm(byDay, TODAY), rows: () => null, byDay, today: TODAY, workspaceName }),
    ).toMatchObject({ kind: 'unavailable', detail: expect.stringMatching(/after the next refresh/) });
  });
});
