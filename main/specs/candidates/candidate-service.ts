/**
 * Serves "ready to close?" candidates: the on/off gate, a 5-minute cache of the detection,
 * dismissals, and invalidation.
 *
 * Invariants:
 * - Off unless both `specsCandidatesEnabled` and `allowRun` are on; the answer then says
 *   which is off and how to turn it on, and the first such answer per reason is logged at
 *   info level.
 * - One detection at a time; concurrent readers share it. A status flip (or `refresh`)
 *   invalidates the cache, and a detection that started before an invalidation is not cached.
 * - Dismissals are applied at every read, on top of the cached detection, so a dismiss (or
 *   a dismissal's expiry) shows on the very next answer without re-running `gh`.
 * - An enabled answer always carries a `summary` sentence saying how many specs passed
 *   each check, so an empty list is never left unexplained.
 * - `stop()` aborts running `git`/`gh` children.
 */
import type { SecretRedactor } from '../../logging/redact.js';
import type { Clock } from '../../core/clock.js';
import { OpsError } from '../../core/errors.js';
import type { Logger } from '../../logging/logger.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { displayPath } from '../spec-presenter.js';
import type { SpecService } from '../spec-service.js';
import type { FlipStatus } from '../status-rewrite.js';
import { describeCandidates } from './candidate-summary.js';
import { detectCandidates, type Candidate, type Detection } from './detect-candidates.js';
import type { DismissStore } from './dismiss-store.js';
import { createCommandRunner, type ExecFileLike } from './github-cli.js';

export const CANDIDATE_CACHE_MS = 5 * 60 * 1000;

export interface CandidateView {
  slug: string;
  path: string;
  phase: Candidate['phase'];
  currentStatus: string;
  evidence: string[];
  snapshotHash: string;
}

export type CandidatesAnswer =
  | { enabled: false; reason: string; candidates: [] }
  | { enabled: true; candidates: CandidateView[]; detectedAt: string; warnings: string[]; summary: string };

export interface CandidateServiceOptions {
  projectRoot: string;
  specs: Pick<SpecService, 'find' | 'scanner'>;
  settings: Pick<SettingsStore, 'get'>;
  dismissals: DismissStore;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  execFile: ExecFileLike;
  /** Environment for git/gh (PATH decides which `gh` runs); secrets are removed per call. */
  env: Record<string, string | undefined>;
  redactor: Pick<SecretRedactor, 'containsSecret'>;
  ghConcurrency?: number;
}

export class CandidateService {
  private cache: { atMs: number; detection: Detection } | undefined;
  private running: Promise<Detection> | undefined;
  private generation = 0;
  private readonly loggedReasons = new Set<string>();
  private readonly abort = new AbortController();

  constructor(private readonly options: CandidateServiceOptions) {}

  /** Why the detector is off, or null when it is on. */
  disabledReason(): string | null {
    const settings = this.options.settings.get();
    const reasons: string[] = [];
    if (!settings.specsCandidatesEnabled)
      reasons.push(
        'The "Ready to close?" detector is off: turn on "Spec completion candidates" in Settings or start with --specs-candidates.',
      );
    if (!settings.allowRun)
      reasons.push(
        "It needs runs allowed, since closing a spec rewrites its status: turn on 'Allow runs' in Settings or start with --allow-run.",
      );
    return reasons.length === 0 ? null : reasons.join(' ');
  }

  async answer(options: { refresh?: boolean } = {}): Promise<CandidatesAnswer> {
    const reason = this.disabledReason();
    if (reason !== null) {
      if (!this.loggedReasons.has(reason)) {
        this.loggedReasons.add(reason);
        this.options.logger.info({ reason }, 'spec completion candidates are disabled');
      }
      return { enabled: false, reason, candidates: [] };
    }
    if (options.refresh) this.invalidate();
    const detection = await this.detection();
    const dismissals = await this.options.dismissals.load();
    const visible = detection.candidates.filter(
      (candidate) => !this.options.dismissals.isActive(dismissals.get(candidate.slug), candidate.snapshotHash),
    );
    return {
      enabled: true,
      candidates: visible.map((candidate) => this.present(candidate)),
      detectedAt: new Date(this.cache?.atMs ?? this.options.clock.now()).toISOString(),
      warnings: detection.warnings,
      summary: describeCandidates({
        funnel: detection.funnel,
        candidates: detection.candidates.length,
        dismissed: detection.candidates.length - visible.length,
      }),
    };
  }

  /** Records a dismissal of `slug` for the given snapshot (404 for an unknown spec). */
  async dismiss(
    slug: string,
    snapshotHash: string,
  ): Promise<{ slug: string; snapshotHash: string; dismissedAt: string; expiresAt: string }> {
    await this.options.specs.find(slug);
    const entry = await this.options.dismissals.save(slug, snapshotHash);
    const expires = entry.dismissedAtMs + entry.ttlDays * 24 * 60 * 60 * 1000;
    return {
      slug,
      snapshotHash,
      dismissedAt: new Date(entry.dismissedAtMs).toISOString(),
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /** Hook for the status flip: a changed status invalidates the cache and, unless it is complete, the dismissal. */
  async onStatusChanged(slug: string, status: FlipStatus): Promise<void> {
    this.invalidate();
    if (status !== 'complete') await this.options.dismissals.clear(slug);
  }

  invalidate(): void {
    this.generation += 1;
    this.cache = undefined;
    this.running = undefined;
  }

  stop(): void {
    this.abort.abort();
  }

  private async detection(): Promise<Detection> {
    const now = this.options.clock.now();
    if (this.cache && now - this.cache.atMs < CANDIDATE_CACHE_MS) return this.cache.detection;
    if (this.running) return this.running;
    const generation = this.generation;
    const run = this.detect().then((detection) => {
      if (generation === this.generation) this.cache = { atMs: now, detection };
      return detection;
    });
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  private async detect(): Promise<Detection> {
    if (this.abort.signal.aborted) throw new OpsError(503, 'internal', 'The server is shutting down.');
    const scan = await this.options.specs.scanner.scan();
    const runner = createCommandRunner({
      execFile: this.options.execFile,
      env: this.options.env,
      redactor: this.options.redactor,
      signal: this.abort.signal,
    });
    const started = this.options.clock.now();
    const detection = await detectCandidates({
      specs: scan.specs,
      projectRoot: this.options.projectRoot,
      nowMs: started,
      runner,
      ...(this.options.ghConcurrency !== undefined && { ghConcurrency: this.options.ghConcurrency }),
    });
    this.options.logger.info(
      {
        candidates: detection.candidates.length,
        warnings: detection.warnings.length,
        ms: this.options.clock.now() - started,
      },
      'spec completion candidates detected',
    );
    return detection;
  }

  private present(candidate: Candidate): CandidateView {
    const { dir, ...rest } = candidate;
    return { ...rest, path: displayPath(this.options.projectRoot, dir) };
  }
}
