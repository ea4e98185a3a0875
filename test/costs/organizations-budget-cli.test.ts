/**
 * Several organizations, continued: each judged against its own budget (the sum in "all"
 * only when every one has one) and `attune-ops costs --org`.
 */
import { describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { captureIo } from './cli-support.js';
import { ACCOUNT, closeOrgSetups, json, KEY_A, KEY_B, serve, servers, twoOrgs, type Costs } from './org-setup.js';

closeOrgSetups();

describe('several organizations: budgets and the command line', () => {
  it('judges each organization against its own budget; "all" has one only when every organization has one', async () => {
    const { url } = await twoOrgs();
    const server = await serve(url, createMemorySecretStore({ [ACCOUNT]: KEY_A }));
    await server.api('/api/orgs', { method: 'POST', json: { key: KEY_B } });
    await json(server, '/api/costs?org=all&refresh=1');
    type Budget = { budget: { state: string; monthlyBudgetUsd: number | null } };
    expect((await server.api('/api/settings', { method: 'PUT', json: { orgBudgetsUsd: { k2: 0.01 } } })).status).toBe(
      200,
    );
    expect((await json<Budget>(server, '/api/costs?org=k2')).body.budget).toMatchObject({
      state: 'exceeded',
      monthlyBudgetUsd: 0.01,
    });
    expect((await json<Budget>(server, '/api/costs?org=default')).body.budget.state).toBe('unset');
    expect((await json<Budget>(server, '/api/costs?org=all')).body.budget.monthlyBudgetUsd).toBeNull();
    await server.api('/api/settings', { method: 'PUT', json: { monthlyBudgetUsd: 1e6 } });
    expect((await json<Budget>(server, '/api/costs?org=all')).body.budget.monthlyBudgetUsd).toBe(1e6 + 0.01);
  });
  it('attune-ops costs --org names one organization or all; an unknown one is a usage error listing them', async () => {
    const { url } = await twoOrgs();
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_A });
    const server = await serve(url, store);
    await server.api('/api/orgs', { method: 'POST', json: { key: KEY_B } });
    await json(server, '/api/costs?org=all&refresh=1');
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const run = async (argv: string[]) => {
      const io = captureIo({ env: { ATTUNE_HOME: server.home, ATTUNE_ANTHROPIC_BASE_URL: url }, cwd: server.home });
      return { code: await costsCommand(argv, io, { secretStore: store }), out: io.out(), err: io.err() };
    };
    const cents = (usd: number) => Math.round(usd * 100);
    const [a, b, all] = await Promise.all([
      run(['--json']),
      run(['--json', '--org', 'org b']),
      run(['--json', '--org', 'all']),
    ]).then((runs) => runs.map((one) => JSON.parse(one.out) as Costs & { organizations: unknown[] }));
    expect(all!.organizations).toHaveLength(2);
    expect(cents(all!.summary!.thirtyDayUsd)).toBe(cents(a!.summary!.thirtyDayUsd) + cents(b!.summary!.thirtyDayUsd));
    const text = await run(['--org', 'all']);
    expect(text.out).toContain('All organizations (2): Org A, Org B');
    expect(text.out).toContain('Claude Code      per organization');
    const unknown = await run(['--org', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('there are: default (Org A), k2 (Org B), or all');
    expect((await run(['--org', 'all', '--by', 'key'])).code).toBe(2);
  });
});
