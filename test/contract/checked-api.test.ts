/**
 * The checked client fails a test on an answer the contract does not allow: a missing or
 * extra field, a status the route does not answer, an error body without a stable code,
 * an unknown event or one whose data does not match, a request no route matches; and the
 * checked fetch (what `startTestServer({checked: true})` gives) refuses the same answers as
 * they pass, events included, while handing a good answer on unchanged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRunSchema, type PublicRun } from '../../main/contract/index.js';
import {
  check,
  checkEvent,
  checkedApi,
  ContractViolation,
  type ApiFetch,
  type CheckedApi,
} from '../support/checked-api.js';
import { checkedFetch } from '../support/checked-fetch.js';

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
let fetched: ApiFetch;

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
  const plain: ApiFetch = (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init);
  api = checkedApi(plain);
  fetched = checkedFetch(plain);
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

describe('the checked fetch', () => {
  const line = (seq: number, extra = {}) =>
    JSON.stringify({ seq, t: '2026-11-24T12:00:00.000Z', stream: 'stdout', text: 'hi', ...extra });

  it('hands a good answer on, its body still readable', async () => {
    answers.set('GET /api/runs/f1', { status: 200, body: JSON.stringify({ run: RUN }) });
    const response = await fetched('/api/runs/f1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ run: RUN });
  });

  it('rejects an answer the contract does not allow, and a success on a path no route has', async () => {
    answers.set('GET /api/runs/f2', { status: 200, body: JSON.stringify({ run: { ...RUN, pid: 42 } }) });
    await expect(fetched('/api/runs/f2')).rejects.toThrow(/pid/);
    answers.set('GET /api/runs/f3', { status: 409, body: '{"error":{"code":"oops","message":"x"}}' });
    await expect(fetched('/api/runs/f3')).rejects.toThrow(/error body/);
    answers.set('GET /api/nothing', { status: 200, body: '{}' });
    await expect(fetched('/api/nothing')).rejects.toThrow(/no route matches/);
    answers.set('GET /nothing', { status: 200, body: 'not checked' });
    expect(await (await fetched('/nothing')).text()).toBe('not checked');
  });

  it('rejects a request the server accepted that the contract refuses', async () => {
    answers.set('PUT /api/scopes/last', { status: 200, body: '{"workflow":"lint","path":"","lastByWorkflow":{}}' });
    await expect(
      fetched('/api/scopes/last', { method: 'PUT', body: '{"workflow":"lint","path":"","x":1}' }),
    ).rejects.toThrow(/a request the server accepted/);
  });

  it('errors an event stream at the first event the contract does not allow', async () => {
    const stream = (body: string) => ({ status: 200, body, type: 'text/event-stream' });
    answers.set('GET /api/runs/f4/events', stream(`retry: 2000\n\nid: 1\nevent: line\ndata: ${line(1)}\n\n`));
    expect(await (await fetched('/api/runs/f4/events')).text()).toContain('event: line');
    answers.set('GET /api/runs/f5/events', stream(`id: 1\nevent: line\ndata: ${line(1, { pid: 1 })}\n\n`));
    await expect((await fetched('/api/runs/f5/events')).text()).rejects.toThrow(/pid/);
  });
});
