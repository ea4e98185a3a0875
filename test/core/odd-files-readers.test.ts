/**
 * The project and home readers of this area open only regular files: a FIFO (no writer)
 * or a folder where workflows.yaml, telemetry's usage.jsonl or a spec phase file should be
 * is skipped with a warning naming it, at once, and the rest keeps working.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock.js';
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
});
