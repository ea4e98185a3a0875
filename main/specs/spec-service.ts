/**
 * Specs of the project: the list with lifecycle counts, one spec with its phase texts,
 * and the status flip.
 *
 * Invariants of the flip: the file is rewritten only through `rewriteStatus` (a refusal
 * leaves it byte-identical, as does a file that is not valid UTF-8), written atomically to
 * its real path with its permission bits kept, one flip at a time; afterwards
 * `onStatusChanged` runs (dismissal clearing, candidate cache invalidation).
 */
import { chmod, realpath, stat } from 'node:fs/promises';
import { describeRead, openRegularFile, readRegularFileText } from '../core/regular-file.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Clock } from '../core/clock.js';
import { OpsError } from '../core/errors.js';
import type { Logger } from '../logging/logger.js';
import { countByLifecycle, type Lifecycle } from './lifecycle.js';
import { presentSpec, type PhaseView, type SpecView } from './spec-presenter.js';
import { SpecScanner, type RootReport, type ScannedSpec } from './spec-scanner.js';
import { PHASES, type PhaseName } from './status-line.js';
import { rewriteStatus, type FlipStatus } from './status-rewrite.js';

export interface SpecList {
  roots: RootReport[];
  specs: SpecView[];
  counts: Record<Lifecycle, number>;
  warnings: string[];
}

export interface SpecServiceOptions {
  projectRoot: string;
  specRoots: readonly string[];
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /** Runs after a status changed on disk. */
  onStatusChanged?: (slug: string, status: FlipStatus) => Promise<void> | void;
}

export interface FlipOutcome {
  changed: boolean;
  previous: string | null;
  spec: SpecView;
}

/** Refuses slugs that could name anything but one folder directly under a spec root. */
export function checkSlug(slug: string): string {
  if (slug === '' || slug.length > 255 || /[/\\\0]/.test(slug) || slug.includes('..')) {
    throw new OpsError(
      400,
      'invalid_id',
      `Invalid spec id "${slug.slice(0, 80)}": a spec id is a folder name without "/", "\\" or "..".`,
    );
  }
  return slug;
}

export function checkPhase(phase: string): PhaseName {
  if ((PHASES as readonly string[]).includes(phase)) return phase as PhaseName;
  throw new OpsError(400, 'invalid_id', `Unknown phase "${phase.slice(0, 40)}": use ${PHASES.join(', ')}.`);
}

export class SpecService {
  readonly scanner: SpecScanner;
  private flipping: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SpecServiceOptions) {
    this.scanner = new SpecScanner(options.specRoots);
  }

  async list(): Promise<SpecList> {
    const scan = await this.scanner.scan();
    const now = this.options.clock.now();
    const specs = scan.specs.map((spec) => presentSpec(spec, this.options.projectRoot, now));
    return {
      roots: scan.roots,
      specs,
      counts: countByLifecycle(specs.map((spec) => spec.lifecycle)),
      warnings: scan.warnings,
    };
  }

  /** The scanned spec, or 400 for a bad slug / 404 for an unknown one. */
  async find(slug: string): Promise<ScannedSpec> {
    checkSlug(slug);
    const scan = await this.scanner.scan();
    const spec = scan.specs.find((entry) => entry.slug === slug);
    if (!spec) throw new OpsError(404, 'not_found', `No spec "${slug}" in ${this.options.specRoots.join(', ')}.`);
    return spec;
  }

  /** One spec with each phase's text; a phase that exists but cannot be read says why (`readError`). */
  async detail(
    slug: string,
  ): Promise<SpecView & { phases: (PhaseView & { text: string | null; readError: string | null })[] }> {
    const spec = await this.find(slug);
    const view = presentSpec(spec, this.options.projectRoot, this.options.clock.now());
    const reads = await Promise.all(
      spec.phases.map((phase) =>
        phase.exists
          ? readRegularFileText(phase.file).then((read) =>
              read.kind === 'ok'
                ? { text: read.text, readError: null }
                : { text: null, readError: `Could not read ${phase.name}.md (${describeRead(read)}).` },
            )
          : { text: null, readError: null },
      ),
    );
    return {
      ...view,
      phases: view.phases.map((phase, index) => ({
        ...phase,
        text: reads[index]?.text ?? null,
        readError: reads[index]?.readError ?? null,
      })),
    };
  }

  /** Sets one phase's status following the rewrite rules; one flip at a time. */
  setStatus(slug: string, phaseName: string, status: FlipStatus): Promise<FlipOutcome> {
    const run = this.flipping.then(() => this.flip(slug, checkPhase(phaseName), status));
    this.flipping = run.catch(() => undefined);
    return run;
  }

  private async flip(slug: string, phaseName: PhaseName, status: FlipStatus): Promise<FlipOutcome> {
    const spec = await this.find(slug);
    const phase = spec.phases.find((entry) => entry.name === phaseName)!;
    if (!phase.exists) throw new OpsError(404, 'not_found', `Spec "${slug}" has no ${phaseName}.md; create it first.`);
    const file = await realpath(phase.file);
    const bytes = await readPhaseBytes(file, slug, phaseName);
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      throw new OpsError(
        409,
        'unsafe_rewrite',
        `${phaseName}.md of "${slug}" is not valid UTF-8; change its status by hand.`,
      );
    }
    const result = rewriteStatus(text, status);
    if (result.kind === 'unsafe') throw new OpsError(409, 'unsafe_rewrite', result.reason, { line: result.line });
    if (result.kind === 'unchanged')
      return {
        changed: false,
        previous: result.previous,
        spec: presentSpec(spec, this.options.projectRoot, this.options.clock.now()),
      };
    const { mode } = await stat(file);
    await writeFileAtomic(file, result.text);
    await chmod(file, mode & 0o7777);
    this.scanner.invalidate(spec.dir);
    this.options.logger.info({ slug, phase: phaseName, status, previous: result.previous }, 'spec status changed');
    await this.options.onStatusChanged?.(slug, status);
    const updated = await this.find(slug);
    return {
      changed: true,
      previous: result.previous,
      spec: presentSpec(updated, this.options.projectRoot, this.options.clock.now()),
    };
  }
}

/** The phase file's bytes; a file swapped since the scan for a folder or FIFO is a 409, never a wait. */
export async function readPhaseBytes(file: string, slug: string, phaseName: PhaseName): Promise<Buffer> {
  const opened = await openRegularFile(file);
  if (opened.kind === 'ok') {
    try {
      return await opened.handle.readFile();
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
  }
  if (opened.kind === 'missing')
    throw new OpsError(404, 'not_found', `Spec "${slug}" has no ${phaseName}.md any more.`);
  throw new OpsError(
    409,
    'invalid_file',
    `${phaseName}.md of "${slug}" cannot be rewritten: ${describeRead(opened)}. Change its status by hand.`,
    { path: file },
  );
}
