/**
 * An added admin key is listed in ops/org-keys.json before it is stored: when that list
 * cannot be written, POST /api/orgs answers the storage error and the keychain is left as
 * it was, so no key is ever stored where the next start would not find it. The list also
 * keeps the highest slot ever given, so a removed key's slot (which a browser may remember
 * as its choice) never names another organization, after a restart too.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { tempDir } from '../support/temp.js';
import { ACCOUNT, closeOrgSetups, json, KEY_A, KEY_B, serve, servers, twoOrgs, type Orgs } from './org-setup.js';

closeOrgSetups();

describe('adding an organization when its list cannot be written', () => {
  it('answers 503 storage_unavailable, stores no key and lists no new organization', async () => {
    const { url } = await twoOrgs();
    const home = await tempDir('attune-orgs-storage-');
    const listPath = join(home, 'ops', 'org-keys.json');
    await mkdir(listPath, { recursive: true }); // a folder where the list goes: the rename fails
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_A });
    const server = await serve(url, store, home);

    const added = await json<{ error: { code: string; message: string } }>(server, '/api/orgs', {
      method: 'POST',
      json: { key: KEY_B },
    });
    expect(added.status).toBe(503);
    expect(added.body.error.code).toBe('storage_unavailable');
    expect(added.body.error.message).toContain(listPath);
    expect(added.body.error.message).not.toContain(KEY_B);
    expect([...store.entries.keys()]).toEqual([ACCOUNT]);
    expect((await json<Orgs>(server, '/api/orgs')).body.organizations.map((org) => org.slot)).toEqual(['default']);
    expect((await stat(listPath)).isDirectory()).toBe(true);
    await server.services.orgs.idle(); // the first organization's refresh writes its files meanwhile
    expect((await readdir(join(home, 'ops'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    await rm(listPath, { recursive: true }); // the list can be written again: the failed add gave no slot away
    const again = await json<{ slot: string }>(server, '/api/orgs', { method: 'POST', json: { key: KEY_B } });
    expect([again.status, again.body.slot]).toEqual([201, 'k2']);
  });
});

describe('slot names', () => {
  it("never gives a removed key's slot to the next key, after a restart too", async () => {
    const { url } = await twoOrgs();
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_A });
    const addB = async (server: Awaited<ReturnType<typeof serve>>) =>
      (await json<{ slot: string }>(server, '/api/orgs', { method: 'POST', json: { key: KEY_B } })).body.slot;
    const first = await serve(url, store);
    expect(await addB(first)).toBe('k2');
    expect((await first.api('/api/orgs/k2', { method: 'DELETE' })).status).toBe(200);
    expect(await addB(first)).toBe('k3');
    expect((await first.api('/api/orgs/k3', { method: 'DELETE' })).status).toBe(200);
    await first.services.orgs.idle();
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const again = await serve(url, store, first.home);
    expect(await addB(again)).toBe('k4');
    expect([...store.entries.keys()].sort()).toEqual([ACCOUNT, `${ACCOUNT}.k4`]);
  });
});
