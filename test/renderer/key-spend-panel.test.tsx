/**
 * The "Cost per API key" panel against a scripted server (fetch stub): it shows which
 * method is in use ("Estimated" with the method in words and why the exact one is not in
 * use, or "Exact"), keys by name with the id on hover and archived ones marked, the
 * "Not attributable to a key" row last with its reasons, sorts by name or spend, asks
 * for the chosen days, asks the Admin API again after the user's Refresh, and says why
 * when there is nothing to show.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeySpendResponse } from '../../renderer/src/api/costs-keys';
import { KeySpendPanel } from '../../renderer/src/pages/overview/key-spend-panel';

const ESTIMATED: KeySpendResponse = {
  days: 30,
  from: '2026-10-22',
  to: '2026-11-20',
  method: {
    kind: 'estimated',
    label: 'Estimated',
    detail:
      "Estimated: each day's cost of each model and token type is divided among the keys by their share of tokens.",
    fallbackReason: 'The analytics cost report is not available to this organization (asked on 2026-11-20).',
  },
  totalCents: 168,
  totalUsd: 1.68,
  rows: [
    { kind: 'key', apiKeyId: 'apikey_z', name: 'Deploy bot', status: 'archived', cents: 71, usd: 0.71, sharePct: 42.3 },
    { kind: 'key', apiKeyId: 'apikey_b', name: 'Batch jobs', status: 'active', cents: 34, usd: 0.34, sharePct: 20.2 },
    { kind: 'key', apiKeyId: 'apikey_c', name: null, status: null, cents: 33, usd: 0.33, sharePct: 19.6 },
    {
      kind: 'unattributed',
      label: 'Not attributable to a key',
      cents: 30,
      usd: 0.3,
      sharePct: 17.9,
      parts: [
        { reason: 'Used without an API key (the Console workbench)', cents: 13, usd: 0.13 },
        { reason: 'Costs other than tokens (web search, code execution and the like)', cents: 17, usd: 0.17 },
      ],
    },
  ],
  emptyReason: null,
  fetchedAt: '2026-11-20T15:00:00.000Z',
  error: null,
};

function serve(answer: (path: string) => KeySpendResponse) {
  const paths: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      const path = String(input);
      paths.push(path);
      return new Response(JSON.stringify(answer(path)), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return paths;
}

const bodyRows = () => within(screen.getByTestId('key-spend-table')).getAllByRole('row').slice(1);
const firstCells = () => bodyRows().map((row) => within(row).getAllByRole('cell')[0]?.textContent ?? '');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the cost per API key panel', () => {
  it('labels the estimate, explains it, and lists keys by name with the unattributed row last', async () => {
    serve(() => ESTIMATED);
    render(<KeySpendPanel />);
    const method = await screen.findByTestId('key-spend-method');
    expect(within(method).getByText('Estimated')).toBeTruthy();
    expect(method.textContent).toContain('share of tokens');
    expect(method.textContent).toContain('not available to this organization');
    expect(firstCells()).toEqual([
      'Deploy bot (archived)',
      'Batch jobs',
      'apikey_c',
      expect.stringContaining('Not attributable to a key'),
    ]);
    expect(screen.getByText('Deploy bot').closest('[title]')?.getAttribute('title')).toBe('Deploy bot (apikey_z)');
    expect(screen.getByText(/Console workbench/).textContent).toContain('$0.13');
  });

  it('sorts by name and by spend, keeping the unattributed row last', async () => {
    serve(() => ESTIMATED);
    render(<KeySpendPanel />);
    await screen.findByTestId('key-spend-table');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /API key/ }));
    expect(firstCells().slice(0, 3)).toEqual(['apikey_c', 'Batch jobs', 'Deploy bot (archived)']);
    expect(screen.getByRole('columnheader', { name: /API key/ }).getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByRole('button', { name: /Spend/ }));
    expect(firstCells().slice(0, 3)).toEqual(['Deploy bot (archived)', 'Batch jobs', 'apikey_c']);
    await user.click(screen.getByRole('button', { name: /Spend/ }));
    expect(firstCells()).toEqual([
      'apikey_c',
      'Batch jobs',
      'Deploy bot (archived)',
      expect.stringContaining('Not attributable'),
    ]);
  });

  it('labels the exact method and asks for the chosen days', async () => {
    const paths = serve((path) => ({
      ...ESTIMATED,
      days: path.includes('days=90') ? 90 : 30,
      method: {
        kind: 'exact',
        label: 'Exact',
        detail: "Exact: each key's cost as the analytics report gives it.",
        fallbackReason: null,
      },
    }));
    render(<KeySpendPanel />);
    const method = await screen.findByTestId('key-spend-method');
    expect(within(method).getByText('Exact')).toBeTruthy();
    expect(within(method).queryByText(/not available/)).toBeNull();
    await userEvent.setup().selectOptions(screen.getByLabelText('Days of cost per API key'), '90');
    await waitFor(() => expect(paths.at(-1)).toBe('/api/costs/keys?days=90'));
    expect(paths[0]).toBe('/api/costs/keys?days=30');
  });

  it("asks the Admin API again when the user's Refresh ends, and reloads on new figures", async () => {
    const paths = serve(() => ESTIMATED);
    const view = render(<KeySpendPanel reloadSignal="a" refreshing={false} />);
    await screen.findByTestId('key-spend-table');
    view.rerender(<KeySpendPanel reloadSignal="a" refreshing />);
    view.rerender(<KeySpendPanel reloadSignal="b" refreshing={false} />);
    await waitFor(() => expect(paths).toEqual(['/api/costs/keys?days=30', '/api/costs/keys?days=30&refresh=1']));
    view.rerender(<KeySpendPanel reloadSignal="c" refreshing={false} />);
    await waitFor(() => expect(paths).toHaveLength(3));
    expect(paths[2]).toBe('/api/costs/keys?days=30');
  });

  it('says why when there is nothing to show', async () => {
    serve(() => ({
      ...ESTIMATED,
      method: null,
      rows: [],
      totalCents: 0,
      totalUsd: 0,
      emptyReason: 'Cost per API key is not available: No Anthropic admin key is configured.',
      error: { kind: 'no_key', message: 'No Anthropic admin key is configured.' },
    }));
    render(<KeySpendPanel />);
    expect(await screen.findByText('No cost per API key to show')).toBeTruthy();
    expect(screen.getByText(/No Anthropic admin key is configured/)).toBeTruthy();
    expect(screen.queryByTestId('key-spend-method')).toBeNull();
  });
});
