/**
 * Two stand-in organizations behind one Admin API address (org-front) and servers on them,
 * closed after each test: the setup of the several-organizations tests.
 */
import { afterAll, afterEach } from 'vitest';
import type { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { startOrgFront, type OrgFront } from '../fakes/admin-api-orgs.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

export const KEY_A = 'sk-ant-admin01-orgA-0123456789abcdefghijklmnopqrstuvwxyz-AAAA';
export const KEY_B = 'sk-ant-admin01-orgB-0123456789abcdefghijklmnopqrstuvwxyz-BBBB';
export const KEY_BAD = 'sk-ant-admin01-gone-0123456789abcdefghijklmnopqrstuvwxyz-DEAD';
export const ACCOUNT = 'anthropic-admin-api-key';

let fakes: FakeAdminApi[] = [];
let front: OrgFront | undefined;
export const servers: TestServer[] = [];

export async function twoOrgs() {
  const start = new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10);
  const a = await startFakeAdminApi({ key: KEY_A, rows: buildCostRows({ start, days: 36, perDay: 3 }) });
  const b = await startFakeAdminApi({ key: KEY_B, rows: buildCostRows({ start, days: 36, perDay: 5 }) });
  a.setOrganization({ id: 'org_a', name: 'Org A' });
  b.setOrganization({ id: 'org_b', name: 'Org B' });
  fakes = [a, b];
  front = await startOrgFront({ [KEY_A]: a.url, [KEY_B]: b.url });
  return { a, b, url: front.url };
}

export async function serve(url: string, store: ReturnType<typeof createMemorySecretStore>, home?: string) {
  const server = await startTestServer({
    ...(home && { home }),
    deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: url }, secretStore: store, costTimeoutMs: 3000 },
  });
  servers.push(server);
  return server;
}

export const json = async <T>(server: TestServer, path: string, init?: Parameters<TestServer['api']>[1]) => {
  const response = await server.api(path, init);
  return { status: response.status, body: (await response.json()) as T };
};
export type Costs = {
  summary: { monthToDateUsd: number; thirtyDayUsd: number; byDay: { usd: number }[] } | null;
  error: { kind: string; message: string } | null;
};
export type Orgs = {
  organizations: Array<{
    slot: string;
    label: string;
    state: string;
    orgId: string | null;
    duplicateOf: string | null;
    counted: boolean;
    key: { last4: string | null };
  }>;
  total: { state: string; monthToDateUsd: number | null; detail: string | null };
};

/** Call once at a test file's top level. */
export function closeOrgSetups(): void {
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    await front?.close();
    for (const fake of fakes.splice(0)) await fake.close();
  });
  afterAll(removeTempDirs);
}
