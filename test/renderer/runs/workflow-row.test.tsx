/**
 * A workflow row's refusals, in words on the row (renderer/src/pages/workflows/
 * workflow-row.tsx): 409 `runner_busy` names and links the busy runs; 403 `runs_disabled`
 * is handed to the page (which then disables every Run button). Against a fetch stub.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RUNS_DISABLED_HINT, type Workflow } from '../../../renderer/src/api/workflows';
import { WorkflowRow } from '../../../renderer/src/pages/workflows/workflow-row';

/**
 * The server's exact 403 message (RUNS_DISABLED_MESSAGE in main/runs/process/run-launch.ts; renderer
 * tests may not import values from main/, so the text is restated here verbatim).
 */
const SERVER_RUNS_DISABLED = "Workflow runs are off. Turn on 'Allow runs' in Settings or start with --allow-run.";

const workflow: Workflow = {
  name: 'lint',
  description: 'Lint',
  concern: 'lint',
  acceptsPath: false,
  command: ['node', 'lint.mjs'],
  pathArg: null,
  timeoutMinutes: 60,
  source: 'project',
};

function stubStart(status: number, error: Record<string, unknown>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      const path = String(input);
      if (path.startsWith('/api/runs?'))
        return new Response(JSON.stringify({ runs: [], nextCursor: null, skipped: 0 }), { status: 200 });
      return new Response(JSON.stringify({ error }), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('workflow row refusals', () => {
  it('409 runner_busy shows the message and links each busy run', async () => {
    stubStart(409, {
      code: 'runner_busy',
      message: 'The runner is busy (1 of 1 runs).',
      currentRunIds: ['r-a', 'r-b'],
    });
    render(
      <WorkflowRow
        workflow={workflow}
        features={[]}
        lastPath={undefined}
        disabledReason={null}
        onRunsDisabled={() => undefined}
      />,
    );
    await userEvent.setup().click(screen.getByTestId('run-lint'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The runner is busy (1 of 1 runs).');
    expect(screen.getByRole('link', { name: 'r-a' }).getAttribute('href')).toBe('/runs/r-a');
    expect(screen.getByRole('link', { name: 'r-b' }).getAttribute('href')).toBe('/runs/r-b');
  });

  it('403 runs_disabled is reported to the page with the server message', async () => {
    stubStart(403, { code: 'runs_disabled', message: SERVER_RUNS_DISABLED });
    const onRunsDisabled = vi.fn();
    render(
      <WorkflowRow
        workflow={workflow}
        features={[]}
        lastPath={undefined}
        disabledReason={null}
        onRunsDisabled={onRunsDisabled}
      />,
    );
    await userEvent.setup().click(screen.getByTestId('run-lint'));
    await waitFor(() => expect(onRunsDisabled).toHaveBeenCalledWith(SERVER_RUNS_DISABLED));
  });

  it('the page hint shown before any refusal is worded exactly like the server message', () => {
    expect(RUNS_DISABLED_HINT).toBe(SERVER_RUNS_DISABLED);
  });
});
