/**
 * The "All organizations" anomaly explanation on a hand-computed fixture of two
 * organizations: their Default workspaces stay two workspaces (merged they would read
 * +$11 over $4), each named with its organization in words and in `workspaceName`, the
 * contributors keep their own workspace ids, and one organization holding only a summary
 * makes the explanation `unavailable`.
 */
import { describe, expect, it } from 'vitest';
import type { CostRow } from '../../main/costs/cost-client.js';
import type { CostAlarm } from '../../main/costs/cost-types.js';
import { UNITS_PER_CENT } from '../../main/costs/money.js';
import { explainAcross } from '../../main/costs/org-explain.js';

const TODAY = '2026-12-03';
const [D1, D2] = ['2026-12-01', '2026-12-02'];
const row = (day: string, usd: number, model: string, workspaceId: string | null): CostRow => ({
  day,
  amount: BigInt(Math.round(usd * 100)) * UNITS_PER_CENT,
  model,
  costType: 'tokens',
  workspaceId,
  currency: 'USD',
});
const orgA = [row(D1, 2, 'm1', null), row(D2, 4, 'm1', null), row(TODAY, 10, 'm1', null)]; // +7 over 3
const orgB = [
  row(D1, 1, 'm1', null),
  row(D2, 1, 'm1', null),
  row(TODAY, 5, 'm1', null), // +4 over 1
  row(D2, 2, 'm2', 'wrkspc_r'),
  row(TODAY, 3, 'm2', 'wrkspc_r'), // +2 over 1 (no spend on D1: a usual of 2 ÷ 2 days)
];
const byDay = [
  { date: D1, usd: 3 },
  { date: D2, usd: 7 },
  { date: TODAY, usd: 18 },
];
const alarm = { kind: 'alarm' } as CostAlarm;
const names = (id: string) => (id === 'wrkspc_r' ? 'Research' : id);

describe('the explanation of the summed alarm', () => {
  it('keeps each organization’s workspaces apart and names them with it', () => {
    const explanation = explainAcross(
      [
        { label: 'Org A', rows: orgA, workspaceName: names },
        { label: 'Org B', rows: orgB, workspaceName: names },
      ],
      { alarm, byDay, today: TODAY },
    );
    expect(explanation?.kind).toBe('contributors');
    if (explanation?.kind !== 'contributors') return;
    expect(explanation.baselineDays).toBe(2);
    expect(explanation.contributors.map((c) => c.sentence)).toEqual([
      'm1 in the Default workspace of Org A: +$7.00 vs a usual $3.00',
      'm1 in the Default workspace of Org B: +$4.00 vs a usual $1.00',
      'm2 in workspace Research of Org B: +$2.00 vs a usual $1.00',
    ]);
    expect(explanation.contributors.map((c) => [c.workspaceId, c.workspaceName])).toEqual([
      [null, 'Default workspace · Org A'],
      [null, 'Default workspace · Org B'],
      ['wrkspc_r', 'Research · Org B'],
    ]);
  });

  it('is null while the alarm does not fire, and unavailable when an organization holds only a summary', () => {
    const parts = [
      { label: 'Org A', rows: orgA, workspaceName: names },
      { label: 'Org B', rows: null, workspaceName: names },
    ];
    expect(explainAcross(parts, { alarm: { kind: 'ok' } as CostAlarm, byDay, today: TODAY })).toBeNull();
    expect(explainAcross(parts, { alarm, byDay, today: TODAY })?.kind).toBe('unavailable');
  });
});
