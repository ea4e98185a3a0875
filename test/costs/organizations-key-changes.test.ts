/**
 * Key changes among several organizations over real HTTP, the cases a review found:
 * adding a key after the keychain was locked at the first read (it used to be taken for
 * "no first key" and overwrite it), removing the first organization while it runs on the
 * environment key (it used to delete the `keychain` organization's key), a removed first
 * key of an organization after a restart (it used to hide the later key of the same
 * organization from "all", and "all" on the command line listed both slots), a key
 * removed while its first refresh runs (its files came back), and a keychain that could
 * not be read beside the environment key (nothing said so).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, SecretStoreUnavailableError } from '../../main/secrets/secret-store.js';
import { startTestServer } from '../support/test-server.js';
import {
  ACCOUNT,
  closeOrgSetups,
  json,
  KEY_A,
  KEY_B,
  serve,
  servers,
  twoOrgs,
  type Costs,
  type Orgs,
} from './org-setup.js';
import { captureIo } from './cli-support.js';
import { costsCommand } from '../../main/cli/commands/costs.js';

closeOrgSetups();

/** A memory keychain that refuses every call while `locked` (as a locked GNOME keyring does). */
function lockableStore(initial: Record<string, string>) {
  const inner = createMemorySecretStore(initial);
  const state = { locked: false };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (state.locked) throw new SecretStoreUnavailableError('the keyring is locked');
      return call(...args);
    };
  return {
    state,
    entries: inner.entries,
    get: guard(inner.get),
    set: guard(inner.set),
    delete: guard(inner.delete),
    accounts: guard(inner.accounts),
  };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('key changes among organizations', () => {
  it('never takes a keychain locked at the first read for "no first key"', async () => {
    const { url } = await twoOrgs();
    const store = lockableStore({ [ACCOUNT]: KEY_A });
    store.state.locked = true;
    const server = await serve(url, store as never);
    expect((await json<{ configured: boolean }>(server, '/api/costs/key')).body.configured).toBe(false);

    const refused = await json<{ error: { code: string } }>(server, '/api/orgs', {
      method: 'POST',
      json: { key: KEY_B },
    });
    expect([refused.status, refused.body.error.code]).toEqual([503, 'keychain_unavailable']);
    expect(store.entries.get(ACCOUNT)).toBe(KEY_A);

    store.state.locked = false;
    const added = await json<{ slot: string }>(server, '/api/orgs', { method: 'POST', json: { key: KEY_B } });
    expect([added.status, added.body.slot]).toEqual([201, 'k2']);
    expect(store.entries.get(ACCOUNT)).toBe(KEY_A);
    expect(store.entries.get(`${ACCOUNT}.k2`)).toBe(KEY_B);
  });

  it('refuses to remove the first organization on the environment key when the keychain key is another one', async () => {
    const { url } = await twoOrgs();
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_A });
    const server = await startTestServer({
      deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: KEY_B }, secretStore: store },
    });
    servers.push(server);
    const deadline = Date.now() + 5000;
    while (!server.services.orgs.all().some((entry) => entry.slot === 'keychain') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    for (const path of ['/api/orgs/default', '/api/costs/key']) {
      const refused = await json<{ error: { code: string; message: string } }>(server, path, { method: 'DELETE' });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);
      expect(refused.body.error.message).toContain('slot keychain');
      expect(refused.body.error.message).not.toContain(KEY_A);
    }
    expect(store.entries.get(ACCOUNT)).toBe(KEY_A);
  });

  it('says so in the log when a locked keychain keeps a key beside the environment key from being looked for', async () => {
    const { url } = await twoOrgs();
    const store = lockableStore({ [ACCOUNT]: KEY_A });
    store.state.locked = true;
    const server = await startTestServer({
      deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: KEY_B }, secretStore: store as never },
    });
    servers.push(server);
    const deadline = Date.now() + 5000;
    while (!server.logs.text().includes('could not read the OS keychain beside') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.logs.text()).toContain('a different key kept there is not shown until the next start');
    expect(server.logs.text()).not.toContain(KEY_A);
    expect(server.services.orgs.all().map((entry) => entry.slot)).toEqual(['default']);
  });

  it('sums the later key of an organization after a restart once the first key of it was removed', async () => {
    const { b, url } = await twoOrgs();
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_B });
    const first = await serve(url, store);
    await first.api('/api/orgs', { method: 'POST', json: { key: KEY_B } });
    await first.services.orgs.idle();
    await first.api('/api/orgs/default', { method: 'DELETE' });
    await first.services.orgs.idle();
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const again = await serve(url, store, first.home);
    const all = await json<Costs>(again, '/api/costs?org=all&refresh=1');
    expect(all.body.error).toBeNull();
    expect(all.body.summary?.thirtyDayUsd).toBeGreaterThan(0);
    const k2 = await json<Costs>(again, '/api/costs?org=k2');
    expect(all.body.summary?.thirtyDayUsd).toBe(k2.body.summary?.thirtyDayUsd);
    expect(b.reportFetches().length).toBeGreaterThan(0);

    const listed = await json<Orgs>(again, '/api/orgs');
    expect(listed.body.organizations.map((org) => [org.slot, org.counted])).toEqual([
      ['default', false],
      ['k2', true],
    ]);
    await again.close();
    servers.splice(servers.indexOf(again), 1);
    const io = captureIo({ env: { ATTUNE_HOME: again.home, ATTUNE_ANTHROPIC_BASE_URL: url }, cwd: again.home });
    await costsCommand(['--org', 'all'], io, { secretStore: store });
    expect(io.out()).toContain('All organizations (1): Org B\n');
  });

  it('leaves no files of a key removed while its first refresh runs', async () => {
    const { url } = await twoOrgs();
    const server = await serve(url, createMemorySecretStore({ [ACCOUNT]: KEY_A }));
    await server.api('/api/orgs', { method: 'POST', json: { key: KEY_B } });
    await server.api('/api/orgs/k2', { method: 'DELETE' });
    await server.services.orgs.idle();
    expect(await exists(join(server.home, 'ops', 'keys', 'k2'))).toBe(false);
  });
});
