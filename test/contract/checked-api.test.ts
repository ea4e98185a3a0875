/**
 * The checked client fails a test on an answer the contract does not allow: a missing or
 * extra field, a status the route does not answer, an error body without a stable code,
 * an unknown event or one whose data does not match, a request no route matches.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRunSchema, type PublicRun } from '../../main/contract/index.js';
import { check, checkEvent, checkedApi, ContractViolation, type CheckedApi } from '../support/checked-api.js';

const RUN: PublicRun = {
  id: 'r1',
  workflow: 'test',
  path: '',
  trigger: 'manual',
  status: 'succeeded',
  command: ['npm', 'test'],
  startedAt: '2026-11-24T12:00:00.000Z',
  finishedAt: '2026-11-24T12:00:01.000Z',
  durationMs: 1000,
  exitCode: 0,
  signal: null,
  lineCount: 3,
  reason: null,
  legacy: false,
};

/** A tiny real HTTP server answering whatever status and body the test put in `answers`. */
const answers = new Map<string, { status: number; body: string; type?: string }>();
let http: Server;
let api: CheckedApi;

beforeAll(async () => {
  http = createServer((req, res) => {
    const answer = answers.get(`${req.method} ${req.url}`) ?? {
      status: 404,
      body: '{"error":{"code":"not_found","message":"No."}}',
    };
    res.writeHead(answer.status, { 'Content-Type': answer.type ?? 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  api = checkedApi((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init));
});
afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

describe('the checked client', () => {
  it('accepts an answer of the contract and records the route', async () => {
    answers.set('GET /api/runs/r1', { status: 200, body: JSON.stringify({ run: RUN }) });
    expect((await api.json('GET', '/api/runs/r1')).body).toEqual({ run: RUN });
    expect(api.covered.has('GET /api/runs/:id')).toBe(true);
  });

  it('refuses a missing field, an extra field and a wrong type, naming the field', async () => {
    const { reason: _reason, ...withoutReason } = RUN;
    answers.set('GET /api/runs/r2', { status: 200, body: JSON.stringify({ run: withoutReason }) });
    await expect(api.json('GET', '/api/runs/r2')).rejects.toThrow(/reason/);
    answers.set('GET /api/runs/r3', { status: 200, body: JSON.stringify({ run: { ...RUN, pid: 42 } }) });
    await expect(api.json('GET', '/api/runs/r3')).rejects.toThrow(/pid/);
    answers.set('GET /api/runs/r4', { status: 200, body: JSON.stringify({ run: { ...RUN, lineCount: '3' } }) });
    await expect(api.json('GET', '/api/runs/r4')).rejects.toThrow(ContractViolation);
  });

  it('refuses a status the route does not answer and an error body without a known code', async () => {
    answers.set('POST /api/runs/r1/cancel', { status: 200, body: JSON.stringify({ run: RUN }) });
    await expect(api.json('POST', '/api/runs/r1/cancel')).rejects.toThrow(/status 200 is not in the contract/);
    answers.set('GET /api/runs/r5', { status: 500, body: '{"error":{"code":"oops","message":"x"}}' });
    await expect(api.json('GET', '/api/runs/r5')).rejects.toThrow(/error body/);
    answers.set('GET /api/runs/r6', { status: 404, body: '{"error":{"code":"unknown_run","message":"No run r6."}}' });
    expect((await api.json('GET', '/api/runs/r6')).status).toBe(404);
  });

  it('refuses a request no route matches and a text route with the wrong type', async () => {
    await expect(api.json('GET', '/api/nothing')).rejects.toThrow(/no API_ROUTES entry/);
    answers.set('GET /api/costs/export.csv', { status: 200, body: 'a,b', type: 'text/plain' });
    await expect(api.text('GET', '/api/costs/export.csv')).rejects.toThrow(/text\/csv/);
  });

  it('checks events by stream and name', () => {
    const line = JSON.stringify({ seq: 1, t: '2026-11-24T12:00:00.000Z', stream: 'stdout', text: 'hi' });
    expect(checkEvent('run', { id: '1', event: 'line', data: line }).data).toMatchObject({ text: 'hi' });
    expect(() => checkEvent('run', { event: 'lines', data: line })).toThrow(/'lines' is not in the contract/);
    expect(() => checkEvent('status', { event: 'status', data: line })).toThrow(ContractViolation);
    expect(() => checkEvent('run', { event: 'done', data: '{"status":"succeeded"}' })).toThrow(/lineCount/);
  });

  it('check() names where the mismatch was', () => {
    expect(() => check(publicRunSchema, { ...RUN, status: 'done' }, 'GET /x')).toThrow(
      /GET \/x does not match[\s\S]*status/,
    );
  });
});
