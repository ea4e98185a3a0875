/**
 * A run's status as a chip with a tone per outcome, and a run's one-line outcome
 * ("exit 1", "signal SIGTERM") for lists. Shared by the Workflows strip, the Runs
 * history and the Run view so a status always looks the same.
 */
import { Chip, type ChipTone } from '../../components';
import { STATUS_LABEL, type Run, type RunStatus } from '../../api/runs';

const TONES: Record<RunStatus, ChipTone> = {
  running: 'info',
  succeeded: 'ok',
  failed: 'error',
  cancelled: 'neutral',
  timed_out: 'warn',
  interrupted: 'warn',
};

export function RunStatusChip({ status }: { status: RunStatus }) {
  return (
    <span className="run-status" data-status={status}>
      <Chip tone={TONES[status] ?? 'neutral'}>{STATUS_LABEL[status] ?? status}</Chip>
    </span>
  );
}

/** "exit 0", "exit 2", "signal SIGTERM", or '' while running / unknown. */
export function outcomeText(run: Pick<Run, 'exitCode' | 'signal' | 'status'>): string {
  if (run.signal) return `signal ${run.signal}`;
  if (run.exitCode !== null && run.exitCode !== undefined) return `exit ${run.exitCode}`;
  return '';
}
