/**
 * The Specs page's "Ready to close?" section against a scripted server (fetch stub): an
 * empty enabled answer shows the server's summary of how many specs passed each check,
 * and the warnings naming specs that were not considered; a disabled one shows its reason.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CandidatesAnswer } from '../../../renderer/src/api/specs';
import { CandidatesSection } from '../../../renderer/src/pages/specs/candidates';

function serve(answer: CandidatesAnswer) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      const path = String(input);
      if (path === '/api/specs/completion-candidates')
        return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
      return new Response(JSON.stringify({ error: { code: 'not_found', message: `no ${path}` } }), { status: 404 });
    }),
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CandidatesSection', () => {
  it('explains an empty list with the summary and lists the warnings', async () => {
    const summary =
      'No spec is ready to close. 10 specs checked: 2 approved, 1 of them unchanged for 24 h, 0 of those with every task checked; 1 could not be read (see the warnings).';
    const warning = 'Spec "billing" was not considered: could not read docs/specs/billing/tasks.md (EACCES).';
    serve({ enabled: true, candidates: [], detectedAt: new Date().toISOString(), warnings: [warning], summary });
    render(<CandidatesSection reloadKey="k" onCompleted={() => undefined} />);
    expect((await screen.findByTestId('candidates-empty')).textContent).toContain(summary);
    expect(screen.getByTestId('candidates-warnings').textContent).toContain(warning);
  });

  it('shows no warning strip when there are none, and the reason when the detector is off', async () => {
    serve({
      enabled: false,
      reason: 'The "Ready to close?" detector is off: turn on "Spec completion candidates" in Settings.',
      candidates: [],
    });
    render(<CandidatesSection reloadKey="k" onCompleted={() => undefined} />);
    expect((await screen.findByTestId('candidates-disabled')).textContent).toContain('detector is off');
    expect(screen.queryByTestId('candidates-warnings')).toBeNull();
  });
});
