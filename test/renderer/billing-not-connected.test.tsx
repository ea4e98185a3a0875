/**
 * Billing not connected is neutral in the header's status pill (not "Attention", not
 * "All good"), and Settings writes the keychain's reason and the advice as separate
 * sentences; a key from the environment variable offers no Replace button.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpsStatus } from '../../renderer/src/api/status';
import { describeStatus } from '../../renderer/src/app/status-pill';
import { AdminKeySection } from '../../renderer/src/pages/settings/admin-key-section';

const status = (state: OpsStatus['costs']['state'], detail: string | null): OpsStatus => ({
  overall: 'ok',
  runs: { running: [], lastFinished: null },
  costs: { state, monthToDateUsd: null, budgetPct: null, fetchedAt: null, detail },
});

function serveKeyStatus(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ),
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('billing not connected', () => {
  it('the pill is neutral, with the reason on hover', () => {
    const view = describeStatus(status('no_key', 'Billing not connected: add an admin key in Settings.'), true);
    expect(view).toMatchObject({ tone: 'unknown', label: 'Billing not connected' });
    expect(view.detail).toContain('add an admin key');
    expect(describeStatus(status('ok', null), true)).toMatchObject({ tone: 'ok', label: 'All good' });
  });

  it('Settings keeps the keychain reason and the advice as separate sentences', async () => {
    serveKeyStatus({
      configured: false,
      source: null,
      last4: null,
      unavailableReason: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
    });
    render(<AdminKeySection />);
    const card = await screen.findByTestId('settings-admin-key');
    await screen.findByText(/You can set ANTHROPIC_ADMIN_API_KEY instead/);
    expect(card.textContent).toContain('without X11 $DISPLAY. You can set');
  });

  it('a key from ANTHROPIC_ADMIN_API_KEY gets no Replace button', async () => {
    serveKeyStatus({ configured: true, source: 'env', last4: 'abcd' });
    render(<AdminKeySection />);
    expect((await screen.findByTestId('admin-key-status')).textContent).toContain('ANTHROPIC_ADMIN_API_KEY');
    expect(screen.queryByRole('button', { name: 'Replace key' })).toBeNull();
  });
});

describe('workspace rows', () => {
  it('show the name with the id on hover, mark archived ones, and fall back to the id', async () => {
    const { workspaceRow } = await import('../../renderer/src/pages/overview/breakdown-tables');
    expect(workspaceRow({ workspaceId: 'wrkspc_1', usd: 1, name: 'Research', archived: true })).toEqual({
      name: 'Research',
      usd: 1,
      hover: 'Research (wrkspc_1)',
      mark: 'archived',
    });
    expect(workspaceRow({ workspaceId: 'wrkspc_9', usd: 2 })).toMatchObject({ name: 'wrkspc_9', hover: 'wrkspc_9' });
    expect(workspaceRow({ workspaceId: null, usd: 3, name: 'Default workspace' })).toMatchObject({
      name: 'Default workspace',
    });
  });
});
