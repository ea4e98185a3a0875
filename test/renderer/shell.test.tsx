/**
 * The shell's pure decisions: what the status pill says for each overall state, and the
 * Specs list's filter, search and sort; plus the theme override on <html>.
 */
import { describe, expect, it } from 'vitest';
import type { OpsStatus } from '../../renderer/src/api/status';
import { describeStatus } from '../../renderer/src/app/status-pill';
import { applyTheme } from '../../renderer/src/app/theme';
import { filterSpecs, statusWord } from '../../renderer/src/pages/specs/spec-filter';
import type { SpecView } from '../../renderer/src/api/specs';

const costs: OpsStatus['costs'] = { state: 'ok', monthToDateUsd: 10, budgetPct: null, fetchedAt: null, detail: null };
const status = (overall: OpsStatus['overall'], extra: Partial<OpsStatus> = {}): OpsStatus => ({
  overall,
  runs: { running: [], lastFinished: null },
  costs,
  ...extra,
});

describe('describeStatus', () => {
  it('says reconnecting while the server is away, whatever the last status', () => {
    expect(describeStatus(status('ok'), false)).toMatchObject({ tone: 'error', label: 'Reconnecting…' });
  });

  it('names the running workflow and links to its run', () => {
    const run = {
      id: 'r1',
      workflow: 'test',
      path: 'src/api',
      status: 'running' as const,
      startedAt: '2026-11-24T07:00:00Z',
      finishedAt: null,
    };
    expect(describeStatus(status('running', { runs: { running: [run], lastFinished: null } }), true)).toMatchObject({
      tone: 'running',
      label: 'Running: test',
      to: '/runs/r1',
    });
    expect(
      describeStatus(status('running', { runs: { running: [run, { ...run, id: 'r2' }], lastFinished: null } }), true),
    ).toMatchObject({ label: '2 runs running', to: '/runs' });
  });

  it('carries the cost detail sentence for warnings, errors and stale data', () => {
    const withDetail = (overall: OpsStatus['overall']) =>
      status(overall, { costs: { ...costs, detail: 'Budget 80% reached' } });
    expect(describeStatus(withDetail('warning'), true)).toMatchObject({
      tone: 'warning',
      detail: 'Budget 80% reached',
    });
    expect(describeStatus(withDetail('stale'), true)).toMatchObject({ tone: 'stale', label: 'Stale data' });
    expect(describeStatus(withDetail('error'), true)).toMatchObject({ tone: 'error', detail: 'Budget 80% reached' });
    expect(describeStatus(status('ok'), true)).toMatchObject({ tone: 'ok', label: 'All good' });
  });
});

describe('applyTheme', () => {
  it('sets data-theme for light and dark and removes it for system', () => {
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });
});

describe('filterSpecs', () => {
  const spec = (slug: string, lifecycle: string, lastModified: string, status = 'draft'): SpecView =>
    ({
      slug,
      root: '/p/docs/specs',
      path: `docs/specs/${slug}`,
      lifecycle,
      lifecycleReason: '',
      lastModified,
      phases: [{ name: 'requirements', file: '', exists: true, status }],
    }) as SpecView;
  const specs = [
    spec('beta', 'draft', '2026-11-01T00:00:00Z'),
    spec('alpha', 'complete', '2026-11-20T00:00:00Z', 'complete'),
    spec('gamma', 'active', '2026-10-01T00:00:00Z', 'approved (2026-05-09)'),
  ];

  it('sorts by name, newest edit, or lifecycle order', () => {
    expect(filterSpecs(specs, { lifecycle: null, search: '', sort: 'name' }).map((s) => s.slug)).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    expect(filterSpecs(specs, { lifecycle: null, search: '', sort: 'modified' }).map((s) => s.slug)).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    expect(filterSpecs(specs, { lifecycle: null, search: '', sort: 'lifecycle' }).map((s) => s.slug)).toEqual([
      'gamma',
      'beta',
      'alpha',
    ]);
  });

  it('filters by lifecycle and by text in the slug, path or a status', () => {
    expect(filterSpecs(specs, { lifecycle: 'draft', search: '', sort: 'name' }).map((s) => s.slug)).toEqual(['beta']);
    expect(filterSpecs(specs, { lifecycle: null, search: 'APPROVED', sort: 'name' }).map((s) => s.slug)).toEqual([
      'gamma',
    ]);
    expect(filterSpecs(specs, { lifecycle: 'complete', search: 'beta', sort: 'name' })).toEqual([]);
  });

  it('compares statuses on their leading word', () => {
    expect(statusWord('approved (2026-05-09)')).toBe('approved');
    expect(statusWord('in-review')).toBe('in-review');
    expect(statusWord('Paused — waiting')).toBe('paused');
    expect(statusWord(null)).toBeNull();
  });
});
