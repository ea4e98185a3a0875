/**
 * One workflow: name, description, concern chip, command preview, the scope picker (when
 * the workflow takes a scope), the Run button and its recent runs.
 *
 * Starting: POST → 201 → navigate to the new run. Refusals stay on the row, in words:
 * `invalid_path` inline under the picker, `runner_busy` with links to the busy runs,
 * `runs_disabled` reported to the page (which shows the banner and disables every Run).
 * The scope chosen is remembered per workflow (PUT /api/scopes/last) when settled.
 */
import { useState } from 'react';
import type { ApiError } from '../../api/http';
import type { Feature } from '../../api/scopes';
import { rememberScope } from '../../api/scopes';
import { commandPreview, startRun, type Workflow } from '../../api/workflows';
import { navigate } from '../../app/navigation';
import { Button, Chip, Link } from '../../components';
import { toApiError } from '../../api/use-api';
import { ScopePicker } from '../../scopes/scope-picker';
import { choiceFromPath, pathOfChoice, type ScopeChoice } from '../../scopes/scope-choice';
import { RecentRunsStrip } from './recent-runs-strip';

export interface WorkflowRowProps {
  workflow: Workflow;
  features: readonly Feature[];
  lastPath: string | undefined;
  /** Set when runs are off: the reason, and the id of the element that says it. */
  disabledReason: { text: string; describedById: string } | null;
  onRunsDisabled(message: string): void;
}

type RowProblem =
  | { kind: 'path'; message: string }
  | { kind: 'busy'; message: string; runIds: string[] }
  | { kind: 'other'; message: string };

export function WorkflowRow({ workflow, features, lastPath, disabledReason, onRunsDisabled }: WorkflowRowProps) {
  const [choice, setChoice] = useState<ScopeChoice>(() => choiceFromPath(lastPath, features));
  const [remembered, setRemembered] = useState(lastPath ?? '');
  const [problem, setProblem] = useState<RowProblem | null>(null);
  const [starting, setStarting] = useState(false);
  const path = workflow.acceptsPath ? pathOfChoice(choice) : '';

  const commit = (next: ScopeChoice) => {
    const nextPath = pathOfChoice(next);
    if (nextPath === remembered) return;
    rememberScope(workflow.name, nextPath).then(
      () => setRemembered(nextPath),
      (error: unknown) => {
        const apiError = toApiError(error);
        if (apiError.code === 'invalid_path' || apiError.status === 400)
          setProblem({ kind: 'path', message: apiError.message });
      },
    );
  };

  const run = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const started = await startRun(workflow.name, path);
      if (workflow.acceptsPath && path !== remembered) commit(choice);
      navigate(`/runs/${started.id}`);
    } catch (error) {
      setProblem(describeRefusal(toApiError(error), onRunsDisabled));
    } finally {
      setStarting(false);
    }
  };

  const pathError = problem?.kind === 'path' ? problem.message : null;
  return (
    <li
      className="card workflow-row"
      data-testid={`workflow-${workflow.name}`}
      aria-labelledby={`wf-${workflow.name}-name`}
    >
      <div className="workflow-row__main">
        <div className="workflow-row__about">
          <div className="row">
            <h2 id={`wf-${workflow.name}-name`} className="workflow-row__name">
              {workflow.name}
            </h2>
            {workflow.concern && <Chip tone="accent">{workflow.concern}</Chip>}
          </div>
          {workflow.description && <p className="workflow-row__description">{workflow.description}</p>}
          <code className="workflow-row__command" title="The command this workflow runs">
            {commandPreview(workflow.command)}
          </code>
        </div>
        <div className="workflow-row__controls">
          {workflow.acceptsPath ? (
            <ScopePicker
              workflow={workflow.name}
              features={features}
              value={choice}
              onChange={(next) => {
                setChoice(next);
                if (problem?.kind === 'path') setProblem(null);
              }}
              onCommit={commit}
              error={pathError}
              disabled={starting}
            />
          ) : (
            <p className="muted small workflow-row__noscope">Runs on the whole project (takes no scope).</p>
          )}
          <Button
            variant="primary"
            onClick={() => void run()}
            busy={starting}
            disabled={disabledReason !== null}
            title={disabledReason?.text}
            aria-describedby={disabledReason?.describedById}
            data-testid={`run-${workflow.name}`}
          >
            Run
          </Button>
        </div>
      </div>
      {problem && problem.kind !== 'path' && <RowProblemText problem={problem} />}
      <RecentRunsStrip workflow={workflow.name} />
    </li>
  );
}

function describeRefusal(error: ApiError, onRunsDisabled: (message: string) => void): RowProblem {
  if (error.code === 'invalid_path') return { kind: 'path', message: error.message };
  if (error.code === 'runner_busy') {
    const ids = Array.isArray(error.details.currentRunIds)
      ? error.details.currentRunIds.filter((id): id is string => typeof id === 'string')
      : [];
    return { kind: 'busy', message: error.message, runIds: ids };
  }
  if (error.code === 'runs_disabled') onRunsDisabled(error.message);
  return { kind: 'other', message: error.message };
}

function RowProblemText({ problem }: { problem: Exclude<RowProblem, { kind: 'path' }> }) {
  return (
    <p className="field__error workflow-row__problem" role="alert">
      {problem.message}
      {problem.kind === 'busy' && problem.runIds.length > 0 && (
        <>
          {' '}
          Busy:{' '}
          {problem.runIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <Link to={`/runs/${id}`}>{id}</Link>
            </span>
          ))}
        </>
      )}
    </p>
  );
}
