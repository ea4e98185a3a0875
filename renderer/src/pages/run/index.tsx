/**
 * The Run view: the run's facts, Cancel and Re-run, and its log (opened at the end; live
 * runs followed over the event stream).
 *
 * The run record is loaded once and then kept current from the stream (`status` events
 * merge into it; `done` and a reconnect after a server restart reload it, so an
 * `interrupted` run shows as such). Cancel asks the server (202) and waits for `done`;
 * Re-run starts the same workflow and scope and navigates to the new run.
 */
import { useEffect, useState } from 'react';
import { cancelRun, getRun, logTextUrl, rerunRun, type Run } from '../../api/runs';
import { toApiError, useApi } from '../../api/use-api';
import { navigate } from '../../app/navigation';
import { Banner, Button, Link, Skeleton } from '../../components';
import { LogPanel } from '../../log/log-panel';
import { useRunLog } from '../../log/use-run-log';
import { RunFacts } from './run-facts';
import './run.css';

export function RunPage({ runId }: { runId: string }) {
  const { state, reload, setData } = useApi((signal) => getRun(runId, signal), [runId]);
  const record = state.kind === 'loading' ? undefined : state.data;
  const log = useRunLog(runId, record ? record.status === 'running' : null);
  const [action, setAction] = useState<{ busy: 'cancel' | 'rerun' | null; error: string | null }>({
    busy: null,
    error: null,
  });

  useEffect(() => {
    if (log.status) setData((run) => ({ ...run, ...(log.status as Partial<Run>) }));
  }, [log.status, setData]);
  const ended = log.done !== null || (log.phase === 'done' && record?.status === 'running');
  useEffect(() => {
    if (ended) void reload();
  }, [ended, reload]);

  if (state.kind === 'loading') return <Skeleton height={160} label="Loading run" />;
  if (state.kind === 'error' && !state.data) {
    const missing = state.error.code === 'unknown_run' || state.error.status === 404;
    return (
      <Banner tone="error" title={missing ? 'No such run' : 'The run could not be loaded'}>
        {missing
          ? `There is no run ${runId} in the history (it may have been removed by retention).`
          : state.error.message}{' '}
        <Link to="/runs">All runs</Link>
      </Banner>
    );
  }
  const run = state.data;
  if (!run) return null;
  const running = run.status === 'running' && !log.done;

  const cancel = async () => {
    setAction({ busy: 'cancel', error: null });
    try {
      await cancelRun(run.id);
      setAction({ busy: null, error: null });
    } catch (error) {
      setAction({ busy: null, error: toApiError(error).message });
    }
  };
  const rerun = async () => {
    setAction({ busy: 'rerun', error: null });
    try {
      const next = await rerunRun(run.id);
      setAction({ busy: null, error: null });
      navigate(`/runs/${next.id}`);
    } catch (error) {
      setAction({ busy: null, error: toApiError(error).message });
    }
  };

  return (
    <div className="stack run-page" data-run-id={run.id}>
      <div className="page-head">
        <h1>
          {run.workflow} <span className="muted run-page__id">{run.id}</span>
        </h1>
        <div className="page-head__actions">
          {running && (
            <Button
              variant="danger"
              onClick={() => void cancel()}
              busy={action.busy === 'cancel'}
              data-testid="cancel-run"
            >
              Cancel
            </Button>
          )}
          <Button
            onClick={() => void rerun()}
            busy={action.busy === 'rerun'}
            disabled={running}
            title={running ? 'Wait for the run to finish, or cancel it' : undefined}
            data-testid="rerun"
          >
            Re-run
          </Button>
        </div>
      </div>
      {action.error && (
        <Banner tone="error" title="That did not work">
          {action.error}
        </Banner>
      )}
      <RunFacts run={run} />
      <LogPanel
        runId={run.id}
        log={log}
        live={running}
        downloadUrl={logTextUrl(run.id)}
        downloadName={`${run.workflow}-${run.id}.log`}
      />
    </div>
  );
}
