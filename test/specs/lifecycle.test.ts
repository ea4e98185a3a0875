import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, classifyLifecycle, countByLifecycle, type Lifecycle } from '../../main/specs/lifecycle.js';
import { PHASES, type PhaseName } from '../../main/specs/status-line.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const FRESH = NOW - 60_000;

/** A spec from `{phase: status}`; a phase absent from the object does not exist, `null` exists without a status. */
function spec(statuses: Partial<Record<PhaseName, string | null>>, lastModifiedMs = FRESH) {
  return {
    phases: PHASES.map((name) => ({ name, exists: name in statuses, status: statuses[name] ?? null })),
    lastModifiedMs,
    nowMs: NOW,
  };
}

describe('lifecycle cascade (first match wins)', () => {
  const cases: [string, Parameters<typeof classifyLifecycle>[0], Lifecycle][] = [
    [
      'paused when any phase is paused, even if others are complete',
      spec({ requirements: 'complete', design: 'Paused — waiting on infra' }),
      'paused',
    ],
    ['parked when any phase is parked', spec({ requirements: 'approved', design: 'parked' }), 'parked'],
    [
      'complete when every existing phase is complete/done/shipped/superseded',
      spec({ decisions: 'Complete', requirements: 'done', design: 'shipped (v2)', tasks: 'superseded by x' }),
      'complete',
    ],
    ['active when any phase is living', spec({ requirements: 'approved', design: 'living' }), 'active'],
    [
      'stale when the newest .md edit is older than 30 days',
      spec({ requirements: 'approved', tasks: 'in-review' }, NOW - STALE_AFTER_MS - 1),
      'stale',
    ],
    ['draft when requirements.md is missing', spec({ design: 'approved' }), 'draft'],
    [
      'draft when the requirements status is not a settled one',
      spec({ requirements: 'in-review', tasks: 'approved' }),
      'draft',
    ],
    ['draft when requirements.md has no status line', spec({ requirements: null }), 'draft'],
    [
      'approved-not-shipped when requirements are approved, tasks.md exists and nothing is complete',
      spec({ requirements: 'approved', tasks: 'in-review' }),
      'approved-not-shipped',
    ],
    [
      'active as the fallback (approved without tasks.md)',
      spec({ requirements: 'approved', design: 'in-review' }),
      'active',
    ],
    [
      'active as the fallback (approved, tasks.md exists, one phase complete)',
      spec({ requirements: 'approved', design: 'complete', tasks: 'draft' }),
      'active',
    ],
    [
      '"unpaused" is not paused: the leading word is compared, not a substring',
      spec({ requirements: 'unpaused', design: 'draft' }),
      'draft',
    ],
    [
      'an annotated status counts by its leading word: "approved (2026-05-09)"',
      spec({ requirements: 'approved (2026-05-09)', tasks: 'draft' }),
      'approved-not-shipped',
    ],
    [
      'an annotated complete status counts: "Done — shipped in PR 12"',
      spec({ requirements: 'Done — shipped in PR 12' }),
      'complete',
    ],
    [
      'not complete when one existing phase has no status line',
      spec({ requirements: 'complete', design: null }),
      'active',
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const verdict = classifyLifecycle(input);
      expect(verdict.lifecycle).toBe(expected);
      expect(verdict.reason.length).toBeGreaterThan(0);
    });
  }

  it('exactly 30 days old is not yet stale', () => {
    expect(classifyLifecycle(spec({ requirements: 'draft' }, NOW - STALE_AFTER_MS)).lifecycle).toBe('draft');
  });

  it('counts every bucket, zero included', () => {
    expect(countByLifecycle(['draft', 'draft', 'stale'])).toEqual({
      paused: 0,
      parked: 0,
      complete: 0,
      active: 0,
      stale: 1,
      draft: 2,
      'approved-not-shipped': 0,
    });
  });
});
