/**
 * What leaves the server about a spec: paths shown relative to the project root (POSIX
 * separators; absolute only when a spec root lies outside the project), ISO times, and the
 * lifecycle with the rule that chose it. Nothing here touches the disk.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { classifyLifecycle, type Lifecycle } from './lifecycle.js';
import type { ScannedSpec } from './spec-scanner.js';
import type { PhaseName } from './status-line.js';

export interface PhaseView {
  name: PhaseName;
  /** Path of `<phase>.md`, relative to the project root. */
  file: string;
  exists: boolean;
  /** The full status value ("approved (2026-05-09)"), null without a status line. */
  status: string | null;
}

export interface SpecView {
  slug: string;
  /** The spec root holding this spec (absolute, as listed in `roots`). */
  root: string;
  /** The spec folder, relative to the project root. */
  path: string;
  phases: PhaseView[];
  lifecycle: Lifecycle;
  lifecycleReason: string;
  /** ISO time of the newest `.md` edit in the folder. */
  lastModified: string;
}

/** Shows `absolute` relative to the project root when it lies inside it. */
export function displayPath(projectRoot: string, absolute: string): string {
  const rel = relative(projectRoot, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return absolute;
  return rel.split(sep).join('/');
}

export function presentSpec(spec: ScannedSpec, projectRoot: string, nowMs: number): SpecView {
  const verdict = classifyLifecycle({ phases: spec.phases, lastModifiedMs: spec.lastModifiedMs, nowMs });
  return {
    slug: spec.slug,
    root: spec.root,
    path: displayPath(projectRoot, spec.dir),
    phases: spec.phases.map((phase) => ({
      name: phase.name,
      file: displayPath(projectRoot, phase.file),
      exists: phase.exists,
      status: phase.status,
    })),
    lifecycle: verdict.lifecycle,
    lifecycleReason: verdict.reason,
    lastModified: new Date(spec.lastModifiedMs).toISOString(),
  };
}
