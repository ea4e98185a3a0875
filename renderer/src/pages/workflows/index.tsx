/**
 * The Workflows page: one row per declared workflow (see workflow-row.tsx).
 *
 * Loud states, never a silent empty page: runs off (`allowRun:false` from /api/info, or a
 * 403 `runs_disabled` on start) → a banner saying how to turn them on, and every Run
 * button disabled with that reason (title + aria-describedby); an invalid workflows file
 * → its error; no features file → the scopes warning, once for the page.
 */
import { useId, useState, type ReactNode } from 'react';
import { getInfo } from '../../api/info';
import { listScopes, type ScopeList } from '../../api/scopes';
import { useApi } from '../../api/use-api';
import { listWorkflows, RUNS_DISABLED_HINT, workflowsFileError } from '../../api/workflows';
import { Banner, EmptyState, Link, Skeleton } from '../../components';
import { WorkflowRow } from './workflow-row';
import './workflows.css';
import { DroppedScopesNotice } from './dropped-scopes-notice';

const NO_SCOPES: ScopeList = {
  features: [],
  wholeProject: { label: 'Whole project', path: '' },
  lastByWorkflow: {},
  droppedLast: [],
};

export function WorkflowsPage() {
  const bannerId = useId();
  const workflows = useApi((signal) => listWorkflows(signal));
  const scopes = useApi((signal) => listScopes(signal));
  const info = useApi((signal) => getInfo(signal));
  const [refusedMessage, setRefusedMessage] = useState<string | null>(null);

  const runsOff = refusedMessage !== null || (info.state.kind === 'ok' && !info.state.data.allowRun);
  const disabledText = refusedMessage ?? RUNS_DISABLED_HINT;
  const scopeData = scopes.state.kind === 'ok' ? scopes.state.data : NO_SCOPES;

  return (
    <div className="stack workflows-page">
      <div className="page-head">
        <h1>Workflows</h1>
      </div>
      {runsOff && (
        <Banner tone="warn" title="Runs are turned off" testId="runs-disabled-banner">
          <span id={bannerId}>{disabledText}</span> <Link to="/settings">Open Settings</Link>
        </Banner>
      )}
      {scopes.state.kind === 'error' && (
        <Banner tone="warn" title="Scopes unavailable">
          {scopes.state.error.message} Runs can still target the whole project.
        </Banner>
      )}
      {scopes.state.kind === 'ok' && scopes.state.data.warning && (
        <Banner tone="info" title="No features to pick from" testId="scopes-warning">
          <span className="pre-line">{scopes.state.data.warning}</span>
        </Banner>
      )}
      <DroppedScopesNotice dropped={scopeData.droppedLast} />
      <WorkflowList
        state={workflows.state}
        scopesReady={scopes.state.kind !== 'loading'}
        render={(list) => (
          <ul className="workflow-list">
            {list.map((workflow) => (
              <WorkflowRow
                key={workflow.name}
                workflow={workflow}
                features={scopeData.features}
                lastPath={scopeData.lastByWorkflow[workflow.name]}
                disabledReason={runsOff ? { text: disabledText, describedById: bannerId } : null}
                onRunsDisabled={setRefusedMessage}
              />
            ))}
          </ul>
        )}
      />
    </div>
  );
}

type ListState = ReturnType<typeof useApi<Awaited<ReturnType<typeof listWorkflows>>>>['state'];

function WorkflowList({
  state,
  scopesReady,
  render,
}: {
  state: ListState;
  scopesReady: boolean;
  render: (list: Awaited<ReturnType<typeof listWorkflows>>['workflows']) => ReactNode;
}) {
  if (state.kind === 'loading' || !scopesReady) {
    return (
      <div className="stack" aria-busy="true">
        <Skeleton height={96} label="Loading workflows" />
        <Skeleton height={96} />
      </div>
    );
  }
  if (state.kind === 'error' && !state.data)
    return (
      <Banner tone="error" title="Workflows could not be loaded">
        {state.error.message}
      </Banner>
    );
  const data = state.data;
  if (!data) return null;
  const fileError = workflowsFileError(data);
  return (
    <>
      {fileError && (
        <Banner tone="error" title="The workflows file is invalid" testId="workflows-file-error">
          <span className="pre-line">{fileError}</span>
        </Banner>
      )}
      {data.workflows.length === 0 && !fileError ? (
        <EmptyState title="No workflows declared">
          Declare workflows in <code>.attune/workflows.yaml</code> at the project root (a name, a description and a
          command each), then reload.
        </EmptyState>
      ) : (
        render(data.workflows)
      )}
    </>
  );
}
