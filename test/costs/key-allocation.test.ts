/**
 * Cost per API key, the arithmetic: a hand-computed fixture for both methods, and 400
 * seeded random fixtures on which the rows (keys + "not attributable") add up to the cost
 * report's total to the cent — the total computed independently from the decimal strings.
 */
import { describe, expect, it } from 'vitest';
import {
  TOKEN_TYPES,
  estimateByKey,
  exactByKey,
  type KeyCostCell,
  type KeyUsageRow,
} from '../../main/costs/key-allocation.js';
import { splitExact } from '../../main/costs/key-cents.js';
import { presentKeySpend } from '../../main/costs/key-spend-present.js';
import { parseCents } from '../../main/costs/money.js';
import { sumCentsExact } from '../fakes/cost-rows.js';

const D = '2026-11-20';
const money = (text: string) => parseCents(text) ?? 0n;
const cell = (amount: string, extra: Partial<KeyCostCell> = {}): KeyCostCell => ({
  day: D,
  model: 'claude-sonnet-4-5',
  costType: 'tokens',
  tokenType: 'uncached_input_tokens',
  amount: money(amount),
  ...extra,
});
const usage = (apiKeyId: string | null, tokens: KeyUsageRow['tokens'], model = 'claude-sonnet-4-5'): KeyUsageRow => ({
  day: D,
  apiKeyId,
  model,
  tokens,
});
const METHOD = { kind: 'estimated' as const, label: 'Estimated', detail: 'test', fallbackReason: null };
const present = (allocation: ReturnType<typeof estimateByKey>) =>
  presentKeySpend({
    allocation,
    method: METHOD,
    days: 1,
    from: D,
    to: D,
    fetchedAt: `${D}T12:00:00.000Z`,
    apiKeyName: (id) => (id === 'key_a' ? { name: 'Alpha', status: 'archived' } : null),
  });
const centsOf = (answer: ReturnType<typeof present>) =>
  Object.fromEntries(answer.rows.map((r) => [r.kind === 'key' ? r.apiKeyId : 'none', r.cents]));

describe('cost per API key, hand-computed', () => {
  it('estimates by token share, keeps workbench, non-token and unexplained costs apart, and rounds to the total', () => {
    const cells = [
      cell('100'), // 1 token each for A, B, C: 33.33… cents each
      cell('50.5', { tokenType: 'output_tokens' }), // A 3 tokens, workbench 1: 37.875 / 12.625
      cell('10', { model: null, costType: 'web_search', tokenType: null }),
      cell('7', { model: 'claude-opus-4-1', tokenType: 'cache_read_input_tokens' }), // no usage at all
    ];
    const rows = [
      usage('key_a', { uncached_input_tokens: 1, output_tokens: 3 }),
      usage('key_b', { uncached_input_tokens: 1 }),
      usage('key_c', { uncached_input_tokens: 1 }),
      usage(null, { output_tokens: 1 }),
    ];
    const allocation = estimateByKey(cells, rows);
    // Exact nano-cents: the one leftover unit of the three-way split goes to key_a (tie, by id).
    expect(allocation.byKey.get('key_a')).toBe(33_333_333_334n + 37_875_000_000n);
    expect(allocation.byKey.get('key_b')).toBe(33_333_333_333n);
    expect(allocation.parts).toEqual({
      workbench: 12_625_000_000n,
      nonToken: 10_000_000_000n,
      noKeyTokens: 7_000_000_000n,
      unmatched: 0n,
    });
    const answer = present(allocation);
    // 167.5 cents → 168; floors 71+33+33+29 = 166; the two cents go to "none" (.625) and key_b (.333…, before key_c).
    expect(answer.totalCents).toBe(168);
    expect(centsOf(answer)).toEqual({ key_a: 71, key_b: 34, key_c: 33, none: 30 });
    expect(answer.rows.map((r) => r.kind)).toEqual(['key', 'key', 'key', 'unattributed']);
    const first = answer.rows[0];
    expect(first?.kind === 'key' && [first.apiKeyId, first.name, first.status]).toEqual(['key_a', 'Alpha', 'archived']);
    const none = answer.rows.at(-1);
    expect(none?.kind === 'unattributed' && none.parts.map((p) => p.cents)).toEqual([13, 10, 7]);
  });

  it('takes exact per-key amounts and gives the difference from the cost report to the unattributed row', () => {
    const allocation = exactByKey(
      [
        { day: D, apiKeyId: 'key_a', amount: money('40.4') },
        { day: D, apiKeyId: 'key_b', amount: money('59.6') },
        { day: D, apiKeyId: null, amount: money('5') },
      ],
      money('110'),
    );
    expect(allocation.parts.unmatched).toBe(10_000_000_000n);
    expect(centsOf(present(allocation))).toEqual({ key_b: 60, key_a: 40, none: 10 });
  });

  it('splits exactly, whatever the weights', () => {
    const parts = splitExact(-1001n, [
      ['x', 1n],
      ['y', 1n],
      [null, 1n],
    ]);
    expect([...parts.values()].reduce((a, b) => a + b, 0n)).toBe(-1001n);
    expect(() => splitExact(5n, [['x', 0n]])).toThrow(RangeError);
  });
});

/** mulberry32: a small seeded PRNG, so every run checks the same fixtures. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFixture(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const days = Array.from({ length: 1 + int(5) }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}`);
  const models = ['m-a', 'm-b', 'm-c'].slice(0, 1 + int(3));
  const keys = Array.from({ length: 1 + int(12) }, (_, i) => `key_${String.fromCharCode(97 + i)}`);
  const amounts: string[] = [];
  const cells: KeyCostCell[] = [];
  const rows: KeyUsageRow[] = [];
  for (const day of days) {
    for (let i = 0, n = int(12); i < n; i += 1) {
      const text = `${int(100_000)}.${String(int(1_000_000)).padStart(6, '0')}`;
      amounts.push(text);
      const nonToken = random() < 0.15;
      cells.push({
        day,
        model: nonToken ? null : (models[int(models.length)] ?? null),
        costType: nonToken ? 'web_search' : 'tokens',
        tokenType: nonToken ? null : (TOKEN_TYPES[int(TOKEN_TYPES.length)] ?? null),
        amount: money(text),
      });
    }
    for (const model of models) {
      for (const key of [...keys, null]) {
        if (random() < 0.3) continue;
        const tokens: KeyUsageRow['tokens'] = {};
        for (const type of TOKEN_TYPES) if (random() < 0.6) tokens[type] = int(5_000_000);
        rows.push({ day, apiKeyId: key, model, tokens });
      }
    }
  }
  return { cells, rows, amounts };
}

describe('cost per API key adds up to the total to the cent (seeded random fixtures)', () => {
  it('holds on 400 fixtures, for both methods, with every row within a cent of its exact share, whatever the order', () => {
    const random = prng(20261202);
    for (let run = 0; run < 400; run += 1) {
      const { cells, rows, amounts } = randomFixture(random);
      const expected = sumCentsExact(amounts);
      const estimated = estimateByKey(cells, rows);
      let exactSum = estimated.unattributed;
      for (const value of estimated.byKey.values()) exactSum += value;
      expect(exactSum).toBe(estimated.total);
      const answer = present(estimated);
      expect(answer.totalUsd).toBe(expected.usd);
      expect(answer.rows.reduce((sum, r) => sum + r.cents, 0)).toBe(answer.totalCents);
      for (const r of answer.rows) {
        const units = r.kind === 'key' ? (estimated.byKey.get(r.apiKeyId) ?? 0n) : estimated.unattributed;
        expect(Math.abs(Number(BigInt(r.cents) * 1_000_000_000n - units))).toBeLessThan(1_000_000_000);
        if (r.kind === 'unattributed') expect(r.parts.reduce((sum, p) => sum + p.cents, 0)).toBe(r.cents);
      }
      if (run % 10 === 0) {
        // Deterministic: the same data in another order gives the same cents, row for row.
        const reversed = present(estimateByKey([...cells].reverse(), [...rows].reverse()));
        expect(reversed).toEqual(answer);
      }
      const exact = present(
        exactByKey(
          rows.map((r, i) => ({ day: r.day, apiKeyId: r.apiKeyId, amount: BigInt(i * 7_919_393) })),
          estimated.total,
        ),
      );
      expect(exact.rows.reduce((sum, r) => sum + r.cents, 0)).toBe(exact.totalCents);
      expect(exact.totalUsd).toBe(expected.usd);
    }
  });
});
