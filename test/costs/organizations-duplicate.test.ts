/**
 * A second key of an organization already counted stops polling as soon as its first
 * answer shows it is a duplicate (it used to keep refreshing until the next start), and
 * polls again once the key it duplicated is removed. Two stand-in organizations behind
 * one address (org-setup.ts), a manual clock; each routine refresh of one key is one cost
 * report request at its organization's stand-in.
 */
import { describe, expect, it } from 'vitest';
import { costsFor } from '../../main/costs/org-answers.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { tick, trackedCostSetups } from './helpers.js';
import { ACCOUNT, closeOrgSetups, KEY_A, KEY_B, twoOrgs } from './org-setup.js';

const MIN = 60_000;
const setup = trackedCostSetups();
closeOrgSetups();

/**
 * Services started on a manual clock with `firstKey` as the first organization's key, and
 * `routine()`: the cost report requests organization B's stand-in got during one interval.
 */
async function started(firstKey: string) {
  const { b, url } = await twoOrgs();
  const store = createMemorySecretStore({ [ACCOUNT]: firstKey });
  const { services, clock } = await setup({ env: { ATTUNE_ANTHROPIC_BASE_URL: url }, store });
  const { orgs } = services;
  await services.settings.update({ costRefreshMinutes: 2 });
  orgs.start();
  await tick(clock, 0);
  const routine = async () => {
    const before = b.reportFetches().length;
    await tick(clock, 2 * MIN);
    await orgs.idle();
    return b.reportFetches().length - before;
  };
  return { orgs, routine };
}

describe('a duplicate key found mid-session', () => {
  it('is not refreshed in the background, and is again once the key it duplicated is removed', async () => {
    const { orgs, routine } = await started(KEY_A);
    const k2 = await orgs.add(KEY_B);
    const k3 = await orgs.add(KEY_B); // a second key of organization B
    await orgs.idle();
    expect([k2.slot, k3.slot]).toEqual(['k2', 'k3']);
    expect(orgs.all().map((entry) => orgs.duplicateOf(entry))).toEqual([null, null, 'k2']);

    expect(await routine()).toBe(1); // k2's alone: k3 no longer polls
    expect(await routine()).toBe(1);

    await orgs.remove('k2');
    expect(orgs.all().map((entry) => orgs.duplicateOf(entry))).toEqual([null, null]);
    expect(await routine()).toBe(1); // k3 is organization B's key now, and polls
  });

  it('stands for its organization once the first key, of the same organization, is removed', async () => {
    const { orgs, routine } = await started(KEY_B);
    await orgs.add(KEY_B);
    await orgs.idle();
    expect(orgs.all().map((entry) => orgs.duplicateOf(entry))).toEqual([null, 'default']);

    await orgs.remove('default'); // the first organization stays, keyless, its organization remembered
    await orgs.idle();
    expect(orgs.all().map((entry) => orgs.duplicateOf(entry))).toEqual([null, null]);
    // …and the keyless first one, which still holds organization B's figures, is not summed with it.
    expect(orgs.counted().map((entry) => entry.slot)).toEqual(['k2']);
    const all = await costsFor(orgs, 'all', {});
    const k2 = await costsFor(orgs, 'k2', {});
    expect(all.summary?.thirtyDayUsd).toBe(k2.summary?.thirtyDayUsd);
    expect(await routine()).toBe(1); // k2 polls for organization B
  });
});
