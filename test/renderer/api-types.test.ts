/**
 * The renderer's API types are the contract's own (`import type` from main/contract), not looser
 * copies: checked at type level (tsconfig.web.json type-checks this file; renderer tests
 * may not import values from main/). getRun reads the server's `{run}` answer.
 */
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Feature as ServerFeature, PublicRun, ScopesView } from '../../main/contract';
import { getRun, type RUN_STATUSES, type Run, type RunStatus } from '../../renderer/src/api/runs';
import type { Feature, ScopeList } from '../../renderer/src/api/scopes';

afterEach(() => vi.unstubAllGlobals());

describe('renderer API types', () => {
  it('are the server types for runs and scopes', () => {
    expectTypeOf<Run>().toEqualTypeOf<PublicRun>();
    expectTypeOf<RunStatus>().toEqualTypeOf<PublicRun['status']>();
    expectTypeOf<Feature>().toEqualTypeOf<ServerFeature>();
    expectTypeOf<ScopeList>().toEqualTypeOf<ScopesView>();
    expectTypeOf<(typeof RUN_STATUSES)[number]>().toEqualTypeOf<PublicRun['status']>();
  });

  it("getRun returns the run of the server's {run} answer", async () => {
    const run: Run = {
      id: 'r1',
      workflow: 'test',
      path: '',
      trigger: 'manual',
      status: 'running',
      command: ['npm', 'test'],
      startedAt: '2026-11-24T12:00:00.000Z',
      finishedAt: null,
      durationMs: null,
      exitCode: null,
      signal: null,
      lineCount: 0,
      reason: null,
      legacy: false,
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ run }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    expect(await getRun('r1')).toEqual(run);
  });
});
