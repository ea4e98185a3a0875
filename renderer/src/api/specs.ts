/**
 * The specs API (API.md "Scopes and specs"): the scanned specs with their lifecycle
 * bucket, status flips, and the "ready to close?" candidates with dismissals.
 */
import { apiGet, apiSend } from './http';

export type Lifecycle = 'paused' | 'parked' | 'complete' | 'active' | 'stale' | 'draft' | 'approved-not-shipped' | (string & {});

/** A phase file of a spec; tolerant of the server's exact field names. */
export interface SpecPhase {
  phase?: string;
  name?: string;
  status: string | null;
  path?: string;
  lastModified?: string;
}

export interface SpecEntry {
  slug: string;
  root: string;
  /** Either a list of phases or a phase → phase-info map. */
  phases: SpecPhase[] | Record<string, SpecPhase | string | null>;
  lifecycle: Lifecycle;
  lastModified: string | null;
  title?: string;
}

export interface SpecsResponse {
  roots: unknown[];
  specs: SpecEntry[];
  readOnly?: boolean;
  readOnlyReason?: string;
  warnings?: string[];
}

export interface CompletionCandidate {
  slug: string;
  path: string;
  currentStatus: string;
  evidence: string[];
  snapshotHash: string;
}

export interface CandidatesResponse {
  enabled: boolean;
  reason?: string;
  candidates: CompletionCandidate[];
}

/** The statuses a user can flip a phase to (REFERENCE.md "Status flip"). */
export const EDITABLE_STATUSES = ['draft', 'in-review', 'approved', 'complete'] as const;

export const getSpecs = (signal?: AbortSignal) => apiGet<SpecsResponse>('/api/specs', signal);

export const setPhaseStatus = (slug: string, phase: string, status: string) =>
  apiSend<unknown>('PUT', `/api/specs/${encodeURIComponent(slug)}/${encodeURIComponent(phase)}/status`, { status });

export const getCandidates = (signal?: AbortSignal) => apiGet<CandidatesResponse>('/api/specs/completion-candidates', signal);

export const dismissCandidate = (slug: string, snapshotHash: string) =>
  apiSend<unknown>('POST', `/api/specs/${encodeURIComponent(slug)}/completion-candidates/dismiss`, { snapshotHash });

/** Normalises `phases` into a list of {phase, status}. */
export function phaseList(spec: SpecEntry): Array<{ phase: string; status: string | null }> {
  if (Array.isArray(spec.phases)) {
    return spec.phases.map((p) => ({ phase: p.phase ?? p.name ?? '?', status: p.status ?? null }));
  }
  return Object.entries(spec.phases).map(([phase, value]) => ({
    phase,
    status: typeof value === 'string' ? value : (value?.status ?? null),
  }));
}
