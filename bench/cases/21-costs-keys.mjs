/**
 * Cost per API key: the allocation of 31 days × 50 keys × 10 models (the cost report's
 * cells by day, model and token type, divided by the usage report's token shares, exact in
 * BigInt nano-cents, then rounded to whole cents that add up to the total), against a
 * float version of the same division as an in-process baseline; and the exact method's
 * allocation of the analytics rows for the same keys. In process, no server, no upstream.
 */
import { join } from 'node:path';

export const title = 'costs-keys';

const DAYS = 31;
const KEYS = 50;
const MODELS = 10;

function fixture(parseCents, tokenTypes) {
  const cells = [];
  const usage = [];
  const analytics = [];
  for (let d = 0; d < DAYS; d += 1) {
    const day = `2026-12-${String(d + 1).padStart(2, '0')}`;
    for (let m = 0; m < MODELS; m += 1) {
      const model = `claude-model-${m}`;
      for (const [t, tokenType] of tokenTypes.entries()) {
        const text = `${(d * 131 + m * 17 + t * 7) % 9973}.${String((d * 31 + m * 7 + t) % 10000).padStart(4, '0')}`;
        cells.push({ day, model, costType: 'tokens', tokenType, amount: parseCents(text), text });
      }
      for (let k = 0; k <= KEYS; k += 1) {
        const tokens = {};
        for (const [t, tokenType] of tokenTypes.entries())
          tokens[tokenType] = ((d + 1) * (k + 3) * (m + 5) * (t + 1)) % 100_003;
        usage.push({ day, apiKeyId: k === KEYS ? null : `apikey_${String(k).padStart(3, '0')}`, model, tokens });
        if (k < KEYS)
          analytics.push({ day, apiKeyId: `apikey_${String(k).padStart(3, '0')}`, amount: parseCents(`${k}.25`) });
      }
    }
    cells.push({
      day,
      model: null,
      costType: 'web_search',
      tokenType: null,
      amount: parseCents('120.5'),
      text: '120.5',
    });
  }
  return { cells, usage, analytics };
}

/** The same division in floats (what a naive implementation does): no exactness, no rounding to the total. */
function floatAllocation(cells, usage) {
  const tokens = new Map();
  for (const row of usage)
    for (const [type, count] of Object.entries(row.tokens)) {
      const key = `${row.day}|${row.model}|${type}`;
      const byKey = tokens.get(key) ?? new Map();
      byKey.set(row.apiKeyId, (byKey.get(row.apiKeyId) ?? 0) + count);
      tokens.set(key, byKey);
    }
  const out = new Map();
  for (const cell of cells) {
    const byKey = tokens.get(`${cell.day}|${cell.model}|${cell.tokenType}`);
    if (!byKey) continue;
    let sum = 0;
    for (const count of byKey.values()) sum += count;
    const amount = Number.parseFloat(cell.text);
    for (const [id, count] of byKey) out.set(id, (out.get(id) ?? 0) + (amount * count) / sum);
  }
  return out;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function run(h) {
  const { estimateByKey, exactByKey, TOKEN_TYPES } = await import(join(h.dist, 'main/costs/key-allocation.js'));
  const { presentKeySpend } = await import(join(h.dist, 'main/costs/key-spend-present.js'));
  const { parseCents, sumMoney } = await import(join(h.dist, 'main/costs/money.js'));
  const { cells, usage, analytics } = fixture(parseCents, TOKEN_TYPES);
  const method = { kind: 'estimated', label: 'Estimated', detail: '', fallbackReason: null };
  const present = (allocation) =>
    presentKeySpend({
      allocation,
      method,
      days: DAYS,
      from: '2026-12-01',
      to: '2026-12-31',
      fetchedAt: '',
      apiKeyName: () => null,
    });
  const exact = [];
  const floats = [];
  const exactMethod = [];
  const total = sumMoney(cells.map((c) => c.amount));
  for (let i = 0; i < 15; i += 1) {
    let started = performance.now();
    const answer = present(estimateByKey(cells, usage));
    exact.push(performance.now() - started);
    if (answer.rows.reduce((sum, r) => sum + r.cents, 0) !== answer.totalCents) throw new Error('rows do not add up');
    if (answer.rows.length !== KEYS + 1) throw new Error(`expected ${KEYS + 1} rows, got ${answer.rows.length}`);
    started = performance.now();
    const approx = floatAllocation(cells, usage);
    floats.push(performance.now() - started);
    if (approx.size !== KEYS + 1) throw new Error('float baseline lost keys');
    started = performance.now();
    present(exactByKey(analytics, total));
    exactMethod.push(performance.now() - started);
  }
  return [
    {
      metric: `estimate per key, ${DAYS} d × ${KEYS} keys × ${MODELS} models (${cells.length} cells, ${usage.length} usage rows), median of 15`,
      value: median(exact),
      unit: 'ms',
      baseline: median(floats),
      ratio: median(exact) / median(floats),
    },
    {
      metric: `exact per key from ${analytics.length} analytics rows (sum + round to the total), median of 15`,
      value: median(exactMethod),
      unit: 'ms',
    },
  ];
}
