/**
 * Every route of a real server answers what the contract says: a server on the demo
 * project with runs allowed, the fake Admin API behind the cost routes and real runs of
 * the demo workflows, each answer validated through the checked client (schema per status,
 * error bodies, event data, and the request schemas both ways). The last test checks
 * every route was exercised with success, but for one marked `pending` (its server side
 * is another change in flight).
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type PublicRun, type SpecList } from '../../main/contract/index.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { checkedApi, routeKey, type CheckedApi } from '../support/checked-api.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const DEMO = fileURLToPath(new URL('../fixtures/demo-project/', import.meta.url));
let fake: FakeAdminApi;
let server: TestServer;
let api: CheckedApi;
let failedRunId = '';

beforeAll(async () => {
  const first = new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10);
  fake = await startFakeAdminApi({ rows: buildCostRows({ start: first, days: 36, perDay: 3 }) });
  const projectRoot = await tempDir('attune-contract-project-');
  await cp(DEMO, projectRoot, { recursive: true });
  const home = await tempDir('attune-contract-home-');
  await mkdir(join(home, 'telemetry'), { recursive: true });
  const now = new Date().toISOString();
  await writeFile(
    join(home, 'telemetry', 'usage.jsonl'),
    `{"ts":"${now}","workflow":"review","total_cost":0.25,"savings":0.1}\nnot json\n`,
  );
  server = await startTestServer({
    home,
    projectRoot,
    config: { allowRun: true },
    deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url }, secretStore: createMemorySecretStore(), runKillGraceMs: 300 },
  });
  api = checkedApi(server.api);
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await removeTempDirs();
});

async function waitForEnd(id: string): Promise<PublicRun> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { body } = await api.json<{ run: PublicRun }>('GET', `/api/runs/${id}`);
    if (body.run.status !== 'running') return body.run;
    if (Date.now() > deadline) throw new Error(`run ${id} did not end`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the contract against a real server', () => {
  it('core and settings', async () => {
    expect((await api.json('GET', '/api/health', { auth: false })).status).toBe(200);
    expect((await api.json('GET', '/api/info')).status).toBe(200);
    expect((await api.json('GET', '/api/settings')).status).toBe(200);
    expect((await api.json('PUT', '/api/settings', { json: { monthlyBudgetUsd: 40 } })).status).toBe(200);
    expect((await api.json('PUT', '/api/settings', { json: { colour: 'red' } })).status).toBe(400);
  });

  it('the one-time login code', async () => {
    const answer = await api.json<{ code: string; url: string }>('POST', '/api/session/login-code', { json: {} });
    expect(answer.status).toBe(201);
    expect(answer.body.url).toBe(`${server.url}/?login=${answer.body.code}`);
    expect((await api.json('POST', '/api/session/login-code')).status).toBe(201);
  });

  it('costs and the admin key', async () => {
    const before = await api.json<{ error: { kind: string } }>('GET', '/api/costs');
    expect(before.body.error.kind).toBe('no_key');
    expect((await api.json('GET', '/api/costs/key')).status).toBe(200);
    expect((await api.json('PUT', '/api/costs/key', { json: { key: fake.key } })).status).toBe(200);
    const live = await api.json<{ summary: unknown }>('GET', '/api/costs?refresh=1');
    expect(live.body.summary).not.toBeNull();
    const csv = await api.text('GET', '/api/costs/export.csv');
    expect(csv.body.split('\n').length).toBeGreaterThan(30);
    expect((await api.json('GET', '/api/usage?days=7')).status).toBe(200);
    expect((await api.json('GET', '/api/costs/keys?days=7')).status).toBe(200);
    expect((await api.json('GET', '/api/claude-code')).status).toBe(200);
    expect((await api.json('POST', '/api/orgs', { json: { key: fake.key } })).status).toBe(201);
    expect((await api.json('GET', '/api/orgs')).status).toBe(200);
    expect((await api.json('GET', '/api/costs?org=all')).status).toBe(200);
    expect((await api.json('DELETE', '/api/orgs/k2')).status).toBe(200);
    expect((await api.json('DELETE', '/api/costs/key')).status).toBe(200);
  });

  it('workflows, runs and their event streams', async () => {
    expect((await api.json('GET', '/api/workflows')).body).toMatchObject({ allowRun: true });
    const started = await api.json<{ run: PublicRun }>('POST', '/api/workflows/typecheck/runs', { json: {} });
    expect(started.status).toBe(201);
    const id = started.body.run.id;
    failedRunId = id;
    const ended = await waitForEnd(id);
    expect(ended.status).toBe('failed');
    const events = await api.events(`/api/runs/${id}/events`);
    expect(events.map((event) => event.event)).toEqual(['status', ...Array(ended.lineCount).fill('line'), 'done']);
    expect((await api.json('GET', '/api/runs')).status).toBe(200);
    expect((await api.json('GET', '/api/runs?status=failed&limit=5')).status).toBe(200);
    expect((await api.text('GET', `/api/runs/${id}/log.txt`)).body).toContain('found 2 errors');
    expect((await api.json('GET', `/api/runs/nope-${id}`)).status).toBe(404);

    const rerun = await api.json<{ run: PublicRun }>('POST', `/api/runs/${id}/rerun`);
    expect(rerun.status).toBe(201);
    await waitForEnd(rerun.body.run.id);
    const long = await api.json<{ run: PublicRun }>('POST', '/api/workflows/long-build/runs', { json: {} });
    expect((await api.json('POST', `/api/runs/${long.body.run.id}/cancel`)).status).toBe(202);
    expect((await waitForEnd(long.body.run.id)).status).toBe('cancelled');
  });

  it('the log in pages and its tail', async () => {
    type Page = { lines: Array<{ seq: number }>; nextFrom: number; done: boolean; total: number };
    const whole = await api.json<Page>('GET', `/api/runs/${failedRunId}/log`);
    expect(whole.status).toBe(200);
    expect(whole.body).toMatchObject({ total: whole.body.lines.length, nextFrom: whole.body.lines.length + 1 });
    const end = await api.json<Page>('GET', `/api/runs/${failedRunId}/log?from=${whole.body.nextFrom}`);
    expect(end.body).toMatchObject({ lines: [], done: true });
    const page = await api.json<Page>('GET', `/api/runs/${failedRunId}/log?from=2&limit=2`);
    expect(page.body.lines.map((line) => line.seq)).toEqual([2, 3]);
    expect(page.body.nextFrom).toBe(4);
    const tail = await api.json<Page>('GET', `/api/runs/${failedRunId}/log?tail=2`);
    expect(tail.body.lines.map((line) => line.seq)).toEqual([whole.body.total - 1, whole.body.total]);
    const both = await api.json<{ error: { code: string } }>('GET', `/api/runs/${failedRunId}/log?from=1&tail=2`);
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('invalid_query');
    expect((await api.json('GET', `/api/runs/${failedRunId}/log?lines=2`)).status).toBe(400);
  });

  it('log search', async () => {
    type Search = { total: number; matches: Array<{ text: string }> };
    const found = await api.json<Search>('GET', `/api/runs/${failedRunId}/log/search?q=ERROR&case=0&limit=1`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThan(0);
    expect(found.body.matches).toHaveLength(1);
    const exact = await api.json<Search>('GET', `/api/runs/${failedRunId}/log/search?q=error.&regex=1&case=1`);
    expect(exact.status).toBe(200);
    expect((await api.json('GET', `/api/runs/${failedRunId}/log/search`)).status).toBe(400);
    expect((await api.json('GET', `/api/runs/${failedRunId}/log/search?q=x&regex=yes`)).status).toBe(400);
  });

  it('the first error of a log', async () => {
    const answer = await api.json<{ match: { rule: string } | null }>(
      'GET',
      `/api/runs/${failedRunId}/log/first-error`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.match).not.toBeNull();
  });

  it('scopes', async () => {
    expect((await api.json('GET', '/api/scopes')).status).toBe(200);
    expect((await api.json('PUT', '/api/scopes/last', { json: { workflow: 'lint', path: 'src' } })).status).toBe(200);
    expect((await api.json('PUT', '/api/scopes/last', { json: { workflow: 'lint', path: '../x' } })).status).toBe(400);
  });

  it('specs and completion candidates', async () => {
    const list = await api.json<SpecList>('GET', '/api/specs');
    expect(list.body.specs.length).toBeGreaterThan(0);
    expect((await api.json('GET', '/api/specs/dark-mode')).status).toBe(200);
    const flip = await api.json('PUT', '/api/specs/dark-mode/requirements/status', { json: { status: 'in-review' } });
    expect(flip.status).toBe(200);
    expect((await api.json('GET', '/api/specs/completion-candidates')).body).toMatchObject({ enabled: false });
    await api.json('PUT', '/api/settings', { json: { specsCandidatesEnabled: true } });
    expect((await api.json('GET', '/api/specs/completion-candidates?refresh=1')).body).toMatchObject({ enabled: true });
    const dismiss = await api.json('POST', '/api/specs/dark-mode/completion-candidates/dismiss', {
      json: { snapshotHash: 'a'.repeat(64) },
    });
    expect(dismiss.status).toBe(200);
  });

  it('status, its event stream, and telemetry', async () => {
    expect((await api.json('GET', '/api/status')).status).toBe(200);
    expect((await api.json('POST', '/api/status/ack-failure', { json: {} })).status).toBe(200);
    const events = await api.events('/api/status/events', (seen) => seen.length >= 1);
    expect(events[0]?.event).toBe('status');
    const telemetry = await api.json<{ totalRequests: number; skipped: number }>('GET', '/api/telemetry');
    expect(telemetry.body).toMatchObject({ totalRequests: 1, skipped: 1 });
  });

  it('refuses unknown body keys as the contract does', async () => {
    // Each a valid body but for the unknown key, so the unknown key is the only thing wrong.
    const paths: Record<string, [string, Record<string, unknown>]> = {
      'POST /api/session/login-code': ['/api/session/login-code', {}],
      'PUT /api/settings': ['/api/settings', {}],
      'PUT /api/costs/key': ['/api/costs/key', { key: fake.key }],
      'POST /api/orgs': ['/api/orgs', { key: fake.key }],
      'POST /api/workflows/:name/runs': ['/api/workflows/typecheck/runs', {}],
      'PUT /api/scopes/last': ['/api/scopes/last', { workflow: 'lint', path: 'src' }],
      'PUT /api/specs/:slug/:phase/status': ['/api/specs/dark-mode/requirements/status', { status: 'draft' }],
      'POST /api/specs/:slug/completion-candidates/dismiss': [
        '/api/specs/dark-mode/completion-candidates/dismiss',
        { snapshotHash: 'b'.repeat(64) },
      ],
      'POST /api/status/ack-failure': ['/api/status/ack-failure', {}],
    };
    const withBody = API_ROUTES.filter((route) => route.body !== undefined && !route.pending).map(routeKey);
    expect(withBody.sort()).toEqual(Object.keys(paths).sort());
    for (const [key, [path, valid]] of Object.entries(paths)) {
      const answer = await api.json<{ error: { code: string; message: string } }>(key.split(' ')[0] as 'PUT', path, {
        json: { ...valid, zzUnknown: 1 },
      });
      expect(answer.status, key).toBe(400);
      expect(answer.body.error, key).toMatchObject({
        code: 'invalid_body',
        message: expect.stringContaining('zzUnknown'),
      });
    }
  });

  it('exercised every route of the contract with a success answer', () => {
    const missed = API_ROUTES.filter((route) => !route.pending)
      .map(routeKey)
      .filter((key) => !api.covered.has(key));
    expect(missed).toEqual([]);
  });
});
