/**
 * The Overview's Claude Code panel against a scripted server: one row per actor by e-mail
 * or API key name, the acceptance rate as a percentage, the cost by model when opened,
 * sorting by clicking column headers (`aria-sort`, again reverses, no rate sorted last);
 * and the states without figures or with old ones, each said in words.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClaudeCodeActorFigures, ClaudeCodeResponse, ClaudeCodeSummary } from '../../renderer/src/api/claude-code';
import { costsAnswer, renderOverview, serve, SUMMARY } from './overview-support';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function actor(label: string, figures: Partial<ClaudeCodeActorFigures>): ClaudeCodeActorFigures {
  return {
    actor: label.includes('@') ? { type: 'user', email: label } : { type: 'api_key', apiKeyName: label },
    label,
    sessions: 0,
    linesAdded: 0,
    linesRemoved: 0,
    commits: 0,
    pullRequests: 0,
    editsAccepted: 0,
    editsRejected: 0,
    acceptanceRate: null,
    estimatedCost: [],
    costByModel: [],
    ...figures,
  };
}

const ACTORS = [
  actor('ada@example.com', {
    sessions: 4,
    linesAdded: 105,
    commits: 2,
    editsAccepted: 9,
    editsRejected: 3,
    acceptanceRate: 0.75,
    estimatedCost: [{ currency: 'USD', amount: 2.01 }],
    costByModel: [
      { model: 'claude-sonnet-4-5', currency: 'USD', amount: 2 },
      { model: 'claude-haiku-4-5', currency: 'USD', amount: 0.01 },
    ],
  }),
  actor('ci key', {
    sessions: 2,
    linesAdded: 900,
    estimatedCost: [
      { currency: 'USD', amount: 3.33 },
      { currency: 'EUR', amount: 10 },
    ],
  }),
  actor('bob@example.com', { sessions: 1, linesAdded: 7, acceptanceRate: 1, editsAccepted: 3 }),
];

const FIGURES: ClaudeCodeSummary = {
  days: 30,
  from: '2026-10-26',
  to: '2026-11-24',
  actors: ACTORS,
  totals: {
    sessions: 7,
    linesAdded: 1012,
    linesRemoved: 0,
    commits: 2,
    pullRequests: 0,
    editsAccepted: 12,
    editsRejected: 3,
    acceptanceRate: 0.8,
    estimatedCost: [
      { currency: 'USD', amount: 5.34 },
      { currency: 'EUR', amount: 10 },
    ],
  },
  coveredFrom: '2026-10-26',
  emptyReason: null,
  fetchedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  source: 'cached',
  stale: false,
};

function show(answer: Omit<ClaudeCodeResponse, 'refreshing'>, costs = costsAnswer(SUMMARY)) {
  return serve({
    '/api/claude-code': () => [200, { refreshing: false, ...answer }],
    '/api/costs': () => [200, costs],
    '/api/usage': () => [200, { usage: null, error: null }],
  });
}

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.textContent);

describe('Claude Code per actor', () => {
  it('lists each actor with the rate as a percentage and the cost by model when opened', async () => {
    const calls = show({ claudeCode: FIGURES, error: null });
    renderOverview();
    const table = await screen.findByTestId('claude-code-table');
    expect(names(table)).toEqual(['ada@example.com', 'ci key (API key)', 'bob@example.com']);
    const [ada, key, bob] = within(table).getAllByRole('row').slice(1);
    expect(
      within(ada!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'ada@example.com',
      '4',
      '105',
      '0',
      '2',
      '0',
      '75.0%',
      expect.stringMatching(/^\$2\.01claude-sonnet-4-5: \$2\.00claude-haiku-4-5: \$0\.01$/),
    ]);
    expect(within(ada!).getByText('$2.01').getAttribute('title')).toBe(
      'claude-sonnet-4-5: $2.00\nclaude-haiku-4-5: $0.01',
    );
    expect(within(key!).getAllByRole('cell')[6]?.textContent).toBe('—');
    expect(within(key!).getAllByRole('cell')[7]?.textContent).toBe('$3.33 + 10.00 EUR');
    expect(within(bob!).getAllByRole('cell')[6]?.textContent).toBe('100.0%');
    const totals = screen.getByTestId('claude-code-totals');
    expect(within(totals).getByText('Edits accepted').nextElementSibling?.textContent).toBe('80.0%');
    expect(within(totals).getByText('Estimated cost').nextElementSibling?.textContent).toBe('$5.34 + 10.00 EUR');
    expect(calls).toContain('/api/claude-code');
  });

  it('sorts by the clicked column header, again reverses, and says so with aria-sort', async () => {
    show({ claudeCode: FIGURES, error: null });
    renderOverview();
    const table = await screen.findByTestId('claude-code-table');
    const header = (name: RegExp) => within(table).getByRole('columnheader', { name });
    expect(header(/^Sessions/).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(header(/^Lines added/)).getByRole('button'));
    expect(header(/^Lines added/).getAttribute('aria-sort')).toBe('descending');
    expect(header(/^Sessions/).getAttribute('aria-sort')).toBe('none');
    expect(names(table)).toEqual(['ci key (API key)', 'ada@example.com', 'bob@example.com']);
    fireEvent.click(within(header(/^Lines added/)).getByRole('button'));
    expect(header(/^Lines added/).getAttribute('aria-sort')).toBe('ascending');
    expect(names(table)).toEqual(['bob@example.com', 'ada@example.com', 'ci key (API key)']);
    fireEvent.click(within(header(/^User or API key/)).getByRole('button'));
    expect(header(/^User or API key/).getAttribute('aria-sort')).toBe('ascending');
    expect(names(table)).toEqual(['ada@example.com', 'bob@example.com', 'ci key (API key)']);
    fireEvent.click(within(header(/^Edits accepted/)).getByRole('button'));
    expect(names(table)).toEqual(['bob@example.com', 'ada@example.com', 'ci key (API key)']);
    fireEvent.click(within(header(/^Edits accepted/)).getByRole('button'));
    expect(names(table)).toEqual(['ada@example.com', 'bob@example.com', 'ci key (API key)']); // no rate stays last
    fireEvent.click(within(header(/^Estimated cost/)).getByRole('button'));
    expect(names(table)).toEqual(['ci key (API key)', 'ada@example.com', 'bob@example.com']);
  });

  it('without a key says billing is not connected and how to connect it', async () => {
    const noKey = { kind: 'no_key' as const, message: 'No Anthropic admin key is configured.' };
    show({ claudeCode: null, error: noKey }, costsAnswer(null, noKey));
    renderOverview();
    const panel = await screen.findByTestId('claude-code-panel');
    await within(panel).findByText('Billing not connected');
    expect(panel.textContent).toMatch(/Add an Anthropic admin key in Settings \(or set ANTHROPIC_ADMIN_API_KEY\)/);
  });

  it('an organization without Claude Code says why; nothing fetched yet says when it comes', async () => {
    const reason = 'The Claude Code report has no activity for this organization in the last 30 UTC days.';
    show({ claudeCode: { ...FIGURES, actors: [], emptyReason: reason }, error: null });
    renderOverview();
    const panel = await screen.findByTestId('claude-code-panel');
    await within(panel).findByText('No Claude Code activity');
    expect(panel.textContent).toContain(reason);
    expect(within(panel).queryByTestId('claude-code-table')).toBeNull();
    cleanup();
    vi.unstubAllGlobals();
    show({ claudeCode: null, error: null });
    renderOverview();
    const empty = await screen.findByTestId('claude-code-panel');
    await within(empty).findByText('No Claude Code figures yet');
    expect(empty.textContent).toContain('They appear after the first refresh of the Claude Code report');
  });

  it('kept figures after a failure are stale with the reason; a partial window says from when; a failure without figures says why', async () => {
    const error = { kind: 'rate_limited' as const, message: 'The Admin API is rate limiting requests.' };
    show({ claudeCode: { ...FIGURES, stale: true, coveredFrom: '2026-11-16' }, error });
    renderOverview();
    expect((await screen.findByTestId('claude-code-stale')).textContent).toBe(
      'Stale: fetched 3 h ago. The latest refresh failed: The Admin API is rate limiting requests.',
    );
    expect(screen.getByTestId('claude-code-coverage').textContent).toContain('Counted from 2026-11-16');
    cleanup();
    vi.unstubAllGlobals();
    show({ claudeCode: null, error });
    renderOverview();
    const panel = await screen.findByTestId('claude-code-panel');
    await within(panel).findByText('No Claude Code figures yet');
    expect(panel.textContent).toContain('The Claude Code report could not be read: The Admin API is rate limiting');
  });

  it('while the server fetches the Claude Code days it says so and asks again until they came', async () => {
    let asked = 0;
    serve({
      '/api/costs': () => [200, costsAnswer(SUMMARY)],
      '/api/usage': () => [200, { usage: null, error: null }],
      '/api/claude-code': () => {
        asked += 1;
        const done = asked > 1;
        return [200, { claudeCode: done ? FIGURES : null, error: null, refreshing: !done }];
      },
    });
    renderOverview();
    const panel = await screen.findByTestId('claude-code-panel');
    await within(panel).findByText('Fetching the Claude Code report');
    expect(await within(panel).findByTestId('claude-code-table', {}, { timeout: 5000 })).toBeTruthy();
    const settled = asked;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(asked).toBe(settled); // not asked again once no pass runs
  });

  it('says so when the answer itself cannot be loaded', async () => {
    serve({
      '/api/costs': () => [200, costsAnswer(SUMMARY)],
      '/api/claude-code': () => [500, { error: { code: 'internal', message: 'boom' } }],
    });
    renderOverview();
    expect((await screen.findByText(/Claude Code figures could not be loaded/)).textContent).toContain('boom');
  });
});
