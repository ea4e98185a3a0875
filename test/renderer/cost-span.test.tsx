/**
 * The Overview's span of days: 30 by default, 7 or 90 on a click (the request asks for it,
 * the chart and breakdowns say which span they show, the CSV link follows), and a note in
 * words when the figures on this computer start later than the span.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CostSummary } from '../../renderer/src/api/costs';
import { costsAnswer, renderOverview, serve, SUMMARY } from './overview-support';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the span picker', () => {
  it('asks for 90 days on a click; chart, tables and CSV follow', async () => {
    const calls = serve({
      '/api/costs': (path) => {
        const days = Number(new URL(path, 'http://x').searchParams.get('days') ?? '30') as 7 | 30 | 90;
        return [200, costsAnswer({ ...SUMMARY, span: days, coveredFrom: '2026-08-01' })];
      },
    });
    renderOverview();
    await screen.findByText('Last 30 UTC days');
    expect(calls).toContain('/api/costs?days=30');
    expect(screen.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: '90 days' }));
    await screen.findByText('Last 90 UTC days');
    expect(calls).toContain('/api/costs?days=90');
    expect(screen.getAllByText('Last 90 days').length).toBe(3);
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/costs/export.csv?days=90');
  });

  it('says in words when the figures start later than the span, or only 30 days are kept yet', async () => {
    let summary: CostSummary = { ...SUMMARY, coveredFrom: '2026-11-24' };
    serve({ '/api/costs': () => [200, costsAnswer(summary)] });
    renderOverview();
    expect((await screen.findByTestId('coverage-note')).textContent).toMatch(
      /Figures on this computer start on .*\(2026-11-24 UTC\); earlier days of the 30-day view appear after the next successful refresh/,
    );
    cleanup();
    summary = { ...SUMMARY, span: 30 };
    renderOverview();
    await userEvent.click(await screen.findByRole('button', { name: '7 days' }));
    await waitFor(() =>
      expect(screen.getByTestId('coverage-note').textContent).toMatch(
        /Only the last 30 days are on this computer yet .*; 7 days appear after the next successful refresh/,
      ),
    );
  });
});
