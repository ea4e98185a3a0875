/**
 * One phase's status as a pill. When editing is allowed it is a <select> of the flip
 * statuses (the current value kept as-is when it is not one of them); otherwise a chip
 * whose title says why it cannot be changed.
 */
import { EDITABLE_STATUSES, type FlipStatus, type PhaseView } from '../../api/specs';
import { Chip, type ChipTone } from '../../components';
import { statusWord } from './spec-filter';

const TONES: Record<string, ChipTone> = {
  complete: 'ok',
  completed: 'ok',
  done: 'ok',
  shipped: 'ok',
  approved: 'info',
  'in-review': 'accent',
  draft: 'neutral',
  paused: 'warn',
  parked: 'warn',
  living: 'info',
  active: 'info',
  superseded: 'neutral',
};

export function statusTone(status: string | null): ChipTone {
  return TONES[statusWord(status) ?? ''] ?? 'neutral';
}

export interface PhaseStatusProps {
  slug: string;
  phase: PhaseView;
  editable: boolean;
  /** Why editing is off (shown on hover and to screen readers). */
  disabledReason: string | null;
  pending: boolean;
  onChange(status: FlipStatus): void;
}

export function PhaseStatus({ slug, phase, editable, disabledReason, pending, onChange }: PhaseStatusProps) {
  const label = phase.status ?? 'no status';
  if (!editable) {
    return (
      <span className="phase">
        <span className="phase__name">{phase.name}</span>
        <Chip tone={statusTone(phase.status)} title={disabledReason ?? undefined}>
          {label}
        </Chip>
      </span>
    );
  }
  const word = statusWord(phase.status);
  const current = EDITABLE_STATUSES.find((s) => s === word);
  return (
    <label className="phase">
      <span className="phase__name">{phase.name}</span>
      <select
        className={`phase-select chip--${statusTone(phase.status)}`}
        value={current ?? '__current'}
        disabled={pending}
        aria-label={`Status of ${phase.name} in ${slug}`}
        aria-busy={pending || undefined}
        onChange={(e) => onChange(e.target.value as FlipStatus)}
      >
        {!current && (
          <option value="__current" disabled>
            {label}
          </option>
        )}
        {EDITABLE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status === word && phase.status ? phase.status : status}
          </option>
        ))}
      </select>
    </label>
  );
}
