/**
 * The specs API (API.md "Scopes and specs"): the scanned specs with their lifecycle
 * bucket and counts, status flips (403 `read_only` when runs are off, 409
 * `unsafe_rewrite` when the file cannot be changed safely), and the "ready to close?"
 * candidates with dismissals. Shapes are the server's own types (`import type`).
 */
import type { SpecList } from '../../../main/specs/spec-service';
import type { CandidatesAnswer } from '../../../main/specs/candidates/candidate-service';
import type { FlipStatus } from '../../../main/specs/status-rewrite';
import type { SpecView } from '../../../main/specs/spec-presenter';
import { apiGet, apiSend } from './http';

export type { SpecList, CandidatesAnswer, FlipStatus, SpecView };
export type { PhaseView } from '../../../main/specs/spec-presenter';
export type { CandidateView } from '../../../main/specs/candidates/candidate-service';
export type { Lifecycle } from '../../../main/specs/lifecycle';

/** The statuses a user can flip a phase to (REFERENCE.md "Status flip"). */
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
