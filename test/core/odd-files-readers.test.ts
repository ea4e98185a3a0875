/**
 * The project and home readers of this area open only regular files: a FIFO (no writer)
 * or a folder where workflows.yaml, telemetry's usage.jsonl or a spec phase file should be
 * is skipped with a warning naming it, at once, and the rest keeps working. The same holds
 * for files swapped since the last scan: a tasks.md the candidates check reads, the
 * dismissal file, a phase file the status flip rewrites.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock.js';
import { OpsError } from '../../main/core/errors.js';
import { createLogger, memoryDestination } from '../../main/logging/logger.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { detectCandidates } from '../../main/specs/candidates/detect-candidates.js';
import { DISMISS_FILE, DismissStore } from '../../main/specs/candidates/dismiss-store.js';
import { readPhaseBytes } from '../../main/specs/spec-service.js';
import { SpecScanner } from '../../main/specs/spec-scanner.js';
import { TelemetryService } from '../../main/telemetry/telemetry-service.js';
import { WorkflowCatalogue } from '../../main/workflows/workflow-catalogue.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);
const fifo = (path: string) => execFileSync('mkfifo', [path]);

describe('odd files where a file is expected', () => {
  it('workflows.yaml as a FIFO: an error naming it, the home file still read', async () => {
    const project = await tempDir();
    const home = await tempDir();
    mkdirSync(join(project, '.attune'));
    fifo(join(project, '.attune', 'workflows.yaml'));
    mkdirSync(join(home, 'ops'));
    writeFileSync(join(home, 'ops', 'workflows.yaml'), 'workflows:\n  - name: lint\n    command: [echo, hi]\n');
    const catalogue = await new WorkflowCatalogue({ projectRoot: project, attuneHome: home }).load();
    expect(catalogue.workflows.map((w) => w.name)).toEqual(['lint']);
    expect(catalogue.error).toMatchObject({
      file: join(project, '.attune', 'workflows.yaml'),
      message: 'it is a named pipe (FIFO), not a file; it was skipped',
    });
  });

  it('telemetry usage.jsonl as a FIFO or a folder: an empty summary saying so', async () => {
    const dir = await tempDir();
    fifo(join(dir, 'usage.jsonl'));
    const summary = await new TelemetryService({ path: join(dir, 'usage.jsonl'), clock: systemClock }).summary();
    expect(summary.reason).toBe(
      `Cannot read telemetry: ${join(dir, 'usage.jsonl')} is a named pipe (FIFO), not a file; it should be the usage.jsonl file workflows append to.`,
    );
    mkdirSync(join(dir, 'as-folder.jsonl'));
    const folder = await new TelemetryService({ path: join(dir, 'as-folder.jsonl'), clock: systemClock }).summary();
    expect(folder.reason).toContain('a folder');
  });

  it('a spec phase file as a FIFO: skipped with a warning, the other phases read', async () => {
    const root = await tempDir();
    const spec = join(root, 'specs', 'billing');
    mkdirSync(spec, { recursive: true });
    writeFileSync(join(spec, 'requirements.md'), '# R\n\nStatus: approved\n');
    fifo(join(spec, 'design.md'));
    const { specs, warnings } = await new SpecScanner([join(root, 'specs')]).scan();
    expect(warnings).toContain(`Skipped ${join(spec, 'design.md')}: it is a named pipe (FIFO), not a file.`);
    const phases = specs[0]!.phases;
    expect(phases.find((p) => p.name === 'requirements')).toMatchObject({ exists: true, status: 'approved' });
    expect(phases.find((p) => p.name === 'design')).toMatchObject({ exists: false });
  });

  it('tasks.md swapped for a FIFO after the scan: the candidates check warns instead of waiting', async () => {
    const root = await tempDir();
    const dir = join(root, 'docs', 'specs', 'piped');
    mkdirSync(dir, { recursive: true });
    fifo(join(dir, 'tasks.md'));
    const phases = (['decisions', 'requirements', 'design', 'tasks'] as const).map((name) => ({
      name,
      file: join(dir, `${name}.md`),
      exists: name === 'tasks',
      status: name === 'tasks' ? 'approved' : null,
    }));
    const scanned = { slug: 'piped', root: join(root, 'docs', 'specs'), dir, phases, lastModifiedMs: 0 };
    const detection = await detectCandidates({
      specs: [scanned],
      projectRoot: root,
      nowMs: 3 * 24 * 60 * 60 * 1000,
      runner: { run: () => Promise.reject(new Error('no gh here')) },
    });
    expect(detection.candidates).toEqual([]);
    expect(detection.warnings).toEqual([
      'Spec "piped" was not considered: could not read docs/specs/piped/tasks.md (it is a named pipe (FIFO), not a file).',
    ]);
  });

  it('the dismissal file as a FIFO: no dismissals, a warning naming why, at once', async () => {
    const home = await tempDir();
    mkdirSync(join(home, 'ops'));
    fifo(join(home, 'ops', DISMISS_FILE));
    const logs = memoryDestination();
    const logger = createLogger({ redactor: new SecretRedactor(), destinations: [logs] });
    const store = new DismissStore({ attuneHome: home, clock: systemClock, logger });
    expect((await store.load()).size).toBe(0);
    expect(logs.text()).toContain('a named pipe (FIFO)');
  });

  it('a phase file swapped for a FIFO or a folder before the flip: 409 invalid_file, not a wait', async () => {
    const dir = await tempDir();
    fifo(join(dir, 'tasks.md'));
    mkdirSync(join(dir, 'design.md'));
    for (const [file, what] of [
      ['tasks.md', 'a named pipe (FIFO)'],
      ['design.md', 'a folder'],
    ] as const) {
      const failure = await readPhaseBytes(join(dir, file), 'billing', 'tasks').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpsError);
      expect(failure).toMatchObject({ status: 409, code: 'invalid_file' });
      expect((failure as Error).message).toContain(what);
    }
  });
});
