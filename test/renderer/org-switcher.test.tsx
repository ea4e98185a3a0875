/**
 * Several organizations in the console: the header's switcher (hidden with one organization,
 * duplicates not offered, "All organizations" first) and the Overview for "all" — the summed
 * routes asked with `org=all`, the per-organization panels replaced by a sentence saying why.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Organization, OrgsResponse } from '../../renderer/src/api/orgs';
import { OrgSwitcher } from '../../renderer/src/app/org-switcher';
import { costsAnswer, renderOverview, serve, SUMMARY } from './overview-support';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const org = (slot: string, label: string, extra: Partial<Organization> = {}): Organization => ({
  slot,
  label,
  orgId: `org_${slot}`,
  orgName: label,
  primary: slot === 'default',
  key: { configured: true, source: 'keychain', last4: 'AAAA' },
  state: 'ok',
  detail: null,
  monthToDateUsd: 1,
  budgetUsd: null,
  duplicateOf: null,
  counted: true,
  ...extra,
});
const orgs = (...organizations: Organization[]): OrgsResponse => ({
  organizations,
  total: { state: 'ok', monthToDateUsd: 2, detail: null },
});

describe('the organization switcher', () => {
  it('is not shown with a single organization', async () => {
    const calls = serve({ '/api/orgs': () => [200, orgs(org('default', 'Org A'))] });
    const view = render(<OrgSwitcher org="default" onChange={() => undefined} status={null} />);
    await waitFor(() => expect(calls).toContain('/api/orgs'));
    expect(view.container.querySelector('select')).toBeNull();
  });

  it('offers all, then each organization once, marks a failing one and reports the choice', async () => {
    serve({
      '/api/orgs': () => [
        200,
        orgs(
          org('default', 'Org A'),
          org('k2', 'Org B', { state: 'error' }),
          org('k3', 'Org B again', { duplicateOf: 'k2', counted: false }),
        ),
      ],
    });
    const onChange = vi.fn();
    render(<OrgSwitcher org="default" onChange={onChange} status={null} />);
    const select = await screen.findByTestId('org-switcher');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'All organizations (2)',
      'Org A',
      'Org B — failing',
    ]);
    await userEvent.selectOptions(select, 'all');
    expect(onChange).toHaveBeenCalledWith('all');
  });

  it('puts a chosen organization that is gone back to the first', async () => {
    serve({ '/api/orgs': () => [200, orgs(org('default', 'Org A'), org('k2', 'Org B'))] });
    const onChange = vi.fn();
    render(<OrgSwitcher org="k9" onChange={onChange} status={null} />);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('default'));
  });

  it('moves off a first organization "all" does not sum (its key removed, a later key stands for it)', async () => {
    const keyless = { counted: false, key: { configured: false, source: null, last4: null } } as const;
    serve({ '/api/orgs': () => [200, orgs(org('default', 'Org B', keyless), org('k2', 'Org B'), org('k3', 'Org C'))] });
    const onChange = vi.fn();
    render(<OrgSwitcher org="default" onChange={onChange} status={null} />);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('k2'));
    const select = await screen.findByTestId('org-switcher');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'All organizations (2)',
      'Org B',
      'Org C',
    ]);
  });

  it('says the list could not be asked instead of hiding the choice, and keeps the last list offered', async () => {
    let failing = true;
    serve({
      '/api/orgs': () =>
        failing
          ? [503, { error: { code: 'storage_unavailable', message: 'The keychain is locked.' } }]
          : [200, orgs(org('default', 'Org A'), org('k2', 'Org B'))],
    });
    const onChange = vi.fn();
    const view = render(<OrgSwitcher org="k2" onChange={onChange} status={null} />);
    expect((await screen.findByTestId('org-switcher-warning')).textContent).toBe(
      'Organizations could not be listed: The keychain is locked.',
    );
    expect(onChange).not.toHaveBeenCalled();

    failing = false;
    const status = (fetchedAt: string) =>
      ({ costs: { state: 'ok', detail: null, fetchedAt } }) as unknown as Parameters<typeof OrgSwitcher>[0]['status'];
    view.rerender(<OrgSwitcher org="k2" onChange={onChange} status={status('t1')} />);
    await screen.findByTestId('org-switcher');
    expect(screen.queryByTestId('org-switcher-warning')).toBeNull();

    failing = true;
    view.rerender(<OrgSwitcher org="k2" onChange={onChange} status={status('t2')} />);
    expect((await screen.findByTestId('org-switcher-warning')).textContent).toContain('may be out of date');
    expect(screen.getByTestId('org-switcher')).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('the Overview for all organizations', () => {
  it('asks the summed routes with org=all and says why keys, Claude Code and the CSV are not shown', async () => {
    const calls = serve({
      '/api/costs': () => [200, costsAnswer(SUMMARY)],
      '/api/usage': () => [200, { usage: null, error: null }],
    });
    renderOverview('all');
    expect((await screen.findByTestId('per-org-note')).textContent).toContain('choose one in the header');
    await waitFor(() => expect(calls.some((c) => c.startsWith('/api/usage') && c.includes('org=all'))).toBe(true));
    expect(calls.some((c) => c.startsWith('/api/costs?') && c.includes('org=all'))).toBe(true);
    expect(calls.some((c) => c.startsWith('/api/costs/keys') || c.startsWith('/api/claude-code'))).toBe(false);
    expect(screen.queryByText('Export CSV')).toBeNull();
  });
});
