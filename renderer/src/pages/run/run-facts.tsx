/**
 * The facts of one run: workflow, scope ("Whole project" for ''), trigger, status, start
 * time, a live elapsed time while running (ticking once a second from `startedAt`), then
 * the duration and the exit code or signal once finished, and the runner's reason.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { scopeLabel, type Run } from '../../api/runs';
import { formatDuration, Link, RelativeTime } from '../../components';
import { outcomeText, RunStatusChip } from '../runs/run-status-chip';

export function RunFacts({ run }: { run: Run }) {
  const running = run.status === 'running';
  return (
    <dl className="run-facts" data-testid="run-facts">
      <Fact label="Workflow">
        <Link to="/workflows">{run.workflow}</Link>
      </Fact>
      <Fact label="Scope">
        <span className="run-facts__scope" data-testid="run-scope">
          {scopeLabel(run.path)}
        </span>
      </Fact>
      <Fact label="Trigger">{run.trigger}</Fact>
      <Fact label="Status">
        <span data-testid="run-status">
          <RunStatusChip status={run.status} />
        </span>
      </Fact>
      <Fact label="Started">
        <RelativeTime value={run.startedAt} />
      </Fact>
      {running ? (
        <Fact label="Elapsed">
          <Elapsed since={run.startedAt} />
        </Fact>
      ) : (
        <>
          <Fact label="Duration">
            <span className="num">{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</span>
          </Fact>
          <Fact label="Outcome">
            <span data-testid="run-outcome">{outcomeText(run) || '—'}</span>
          </Fact>
        </>
      )}
      {run.reason && (
        <Fact label="Note" wide>
          {run.reason}
        </Fact>
      )}
    </dl>
  );
}

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'run-facts__item run-facts__item--wide' : 'run-facts__item'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A clock that ticks every second from `since` (ISO time). */
export function Elapsed({ since }: { since: string }) {
  const start = new Date(since).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!Number.isFinite(start)) return <span>—</span>;
  return (
    <span className="num" data-testid="run-elapsed">
      {formatClock(Math.max(0, now - start))}
    </span>
  );
}

/** "0:07", "12:03", "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
