/**
 * Telemetry from `<attuneHome>/telemetry/usage.jsonl` in the original's format: totals,
 * top workflows by cost, the last 14 UTC days, the last event; bad lines (blank, not
 * JSON, non-numeric cost) skipped and counted, never a 500; the file re-read only when it
 * changed; a missing file explained.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summariseTelemetry } from '../../main/telemetry/telemetry-parse.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';

afterAll(removeTempDirs);

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('summariseTelemetry', () => {
  it('reads ts/timestamp, total_cost/cost, savings, workflow/event_type/unknown and counts bad lines', () => {
    const text = [
      JSON.stringify({ ts: '2026-11-24T08:00:00Z', total_cost: 0.1, savings: 0.05, workflow: 'review' }),
      JSON.stringify({ timestamp: '2026-11-23T08:00:00Z', cost: 0.2, event_type: 'lint' }),
      JSON.stringify({ ts: '2026-11-22T08:00:00Z', total_cost: 0.3 }),
      '',
      'not json',
      JSON.stringify({ ts: '2026-11-24T09:00:00Z', total_cost: 'lots', workflow: 'review' }),
      JSON.stringify({ ts: '2026-11-24T10:00:00Z', total_cost: 0.1, workflow: 'review' }),
      '',
    ].join('\n');
    const summary = summariseTelemetry(text, NOW);
    expect(summary).toMatchObject({
      totalRequests: 4,
      totalCost: 0.7,
      totalSavings: 0.05,
      skipped: 3,
      lastEventAt: '2026-11-24T10:00:00.000Z',
    });
    expect(summary.byWorkflow).toEqual([
      { workflow: 'unknown', requests: 1, cost: 0.3, savings: 0 },
      { workflow: 'review', requests: 2, cost: 0.2, savings: 0.05 },
      { workflow: 'lint', requests: 1, cost: 0.2, savings: 0 },
    ]);
    expect(summary.byDay).toHaveLength(14);
    expect(summary.byDay[0]!.date).toBe('2026-11-11');
    expect(summary.byDay[13]).toEqual({ date: '2026-11-24', requests: 2, cost: 0.2, savings: 0.05 });
    expect(summary.byDay[12]).toEqual({ date: '2026-11-23', requests: 1, cost: 0.2, savings: 0 });
  });

  it('skips and counts a numeric ts outside the range of a Date instead of throwing', () => {
    const text = [
      JSON.stringify({ ts: 1e20, cost: 1 }),
      JSON.stringify({ ts: -1e20, cost: 1 }),
      JSON.stringify({ ts: Date.parse('2026-11-24T08:00:00Z') / 1000, cost: 2, workflow: 'ok' }),
    ].join('\n');
    const summary = summariseTelemetry(text, NOW);
    expect(summary).toMatchObject({
      totalRequests: 1,
      totalCost: 2,
      skipped: 2,
      lastEventAt: '2026-11-24T08:00:00.000Z',
    });
  });

  it('keeps the top 20 workflows by cost', () => {
    const text = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ ts: '2026-11-24T08:00:00Z', total_cost: i + 1, workflow: `w${i + 1}` }),
    ).join('\n');
    const summary = summariseTelemetry(text, NOW);
    expect(summary.byWorkflow).toHaveLength(20);
    expect(summary.byWorkflow[0]!.workflow).toBe('w25');
    expect(summary.byWorkflow[19]!.workflow).toBe('w6');
  });
});

describe('GET /api/telemetry', () => {
  it('explains a missing file, never fails on bad lines, and re-reads only a changed file', async () => {
    const server = await startTestServer({ checked: true });
    try {
      const missing = (await (await server.api('/api/telemetry')).json()) as { totalRequests: number; reason: string };
      expect(missing.totalRequests).toBe(0);
      expect(missing.reason).toContain('usage.jsonl');

      const path = join(server.home, 'telemetry', 'usage.jsonl');
      await mkdir(join(server.home, 'telemetry'), { recursive: true });
      await writeFile(
        path,
        `${JSON.stringify({ ts: new Date().toISOString(), total_cost: 'NaN?' })}\n{oops\n${JSON.stringify({ ts: new Date().toISOString(), total_cost: 1.5, workflow: 'a' })}\n`,
      );
      const first = await server.api('/api/telemetry');
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ totalRequests: 1, totalCost: 1.5, skipped: 2 });
      await server.api('/api/telemetry');
      expect(server.services.telemetry.reads).toBe(1);

      await appendFile(path, `${JSON.stringify({ ts: new Date().toISOString(), total_cost: 0.5, workflow: 'b' })}\n`);
      expect(await (await server.api('/api/telemetry')).json()).toMatchObject({ totalRequests: 2, totalCost: 2 });
      expect(server.services.telemetry.reads).toBe(2);

      await appendFile(path, '{"ts":1e20,"cost":1}\n');
      const outOfRange = await server.api('/api/telemetry');
      expect(outOfRange.status).toBe(200);
      expect(await outOfRange.json()).toMatchObject({ totalRequests: 2, totalCost: 2, skipped: 3 });
    } finally {
      await server.close();
    }
  });

  it('says the path is a directory instead of failing with EISDIR', async () => {
    const server = await startTestServer({ checked: true });
    try {
      const path = join(server.home, 'telemetry', 'usage.jsonl');
      await mkdir(path, { recursive: true });
      const response = await server.api('/api/telemetry');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { totalRequests: number; reason: string };
      expect(body.totalRequests).toBe(0);
      expect(body.reason).toContain(path);
      expect(body.reason).toContain('is a folder, not a file');
    } finally {
      await server.close();
    }
  });

  it('reports a stat error other than ENOENT with its code, not as a missing file', async () => {
    const server = await startTestServer({ checked: true });
    try {
      // <home>/telemetry is a file, so stat(<home>/telemetry/usage.jsonl) fails with ENOTDIR.
      await writeFile(join(server.home, 'telemetry'), 'not a folder');
      const response = await server.api('/api/telemetry');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { reason: string };
      expect(body.reason).toContain('ENOTDIR');
      expect(body.reason).not.toContain('does not exist');
    } finally {
      await server.close();
    }
  });
});
