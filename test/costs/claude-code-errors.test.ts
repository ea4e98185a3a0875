/**
 * What the Claude Code answer says when something went wrong: its error is redacted with
 * the exact admin key (one that does not look like sk-ant-… included) before the renderer
 * or the CLI sees it; the latest refresh failure wins over an older Claude Code error.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { claudeCodeResponseSchema } from '../../main/contract/costs-claude-code.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { trackedCostSetups } from './helpers.js';

const setup = trackedCostSetups();
let fake: FakeAdminApi | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = fake = undefined;
});
afterAll(removeTempDirs);

describe('the Claude Code error', () => {
  it('never carries the exact admin key, even one without a key shape', async () => {
    const key = 'attune-plain-admin-credential-7c1f9d2e';
    fake = await startFakeAdminApi({ key });
    fake.claudeCode.fail(403, `the credential ${key} lacks the permission`);
    server = await startTestServer({
      deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: key }, costTimeoutMs: 2000 },
    });
    const response = await server.api('/api/claude-code?refresh=1');
    const text = await response.text();
    const { error } = claudeCodeResponseSchema.parse(JSON.parse(text));
    expect(error).toMatchObject({ kind: 'auth_failed', upstream: { type: 'permission_error' } });
    expect(error?.upstream?.message).toContain('[REDACTED]');
    expect(text).not.toContain(key);
    expect(server.logs.text()).not.toContain(key);
  });

  it('is the latest refresh failure when the cost refresh failed after a Claude Code failure', async () => {
    const s = await setup();
    s.fake.claudeCode.fail(403);
    const first = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(first.error).toMatchObject({ kind: 'auth_failed', message: expect.stringContaining('scripted 403') });
    s.fake.fail({ kind: 'status', status: 500 });
    const latest = await s.services.costs.claudeCode({ refresh: true });
    expect(latest.error).toMatchObject({ kind: 'network', message: expect.stringContaining('HTTP 500') });
  });
});
