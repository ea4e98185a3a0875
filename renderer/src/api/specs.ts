/**
 * The specs API (docs/API.md "Scopes and specs"): the scanned specs with their lifecycle
 * bucket and counts, status flips (403 `read_only` when runs are off, 409
 * `unsafe_rewrite` when the file cannot be changed safely), and the "ready to close?"
 * candidates with dismissals. Shapes are the server's own types (`import type`).
 */
import type { CandidatesAnswer, FlipStatus, SpecList, SpecView } from '../../../main/contract';
import { apiGet, apiSend } from './http';

export type { SpecList, CandidatesAnswer, FlipStatus, SpecView };
export type { CandidateView, Lifecycle, PhaseView } from '../../../main/contract';

/** The statuses a user can flip a phase to (docs/COMPATIBILITY.md "Status flip"). */
export const EDITABLE_STATUSES: readonly FlipStatus[] = ['draft', 'in-review', 'approved', 'complete'];

export const LIFECYCLE_ORDER = [
  'active',
  'approved-not-shipped',
  'draft',
  'stale',
  'paused',
  'parked',
  'complete',
] as const;

export const getSpecs = (signal?: AbortSignal) => apiGet<SpecList>('/api/specs', signal);

export const setPhaseStatus = (slug: string, phase: string, status: FlipStatus) =>
  apiSend<{ changed: boolean; previous: string | null; status: FlipStatus; spec: SpecView }>(
    'PUT',
    `/api/specs/${encodeURIComponent(slug)}/${encodeURIComponent(phase)}/status`,
    { status },
  );

export const getCandidates = (signal?: AbortSignal) =>
  apiGet<CandidatesAnswer>('/api/specs/completion-candidates', signal);

export const dismissCandidate = (slug: string, snapshotHash: string) =>
  apiSend<{ dismissed: unknown }>('POST', `/api/specs/${encodeURIComponent(slug)}/completion-candidates/dismiss`, {
    snapshotHash,
  });
