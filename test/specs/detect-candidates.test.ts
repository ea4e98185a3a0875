/**
 * detectCandidates on hand-built scans: a spec whose tasks.md or decisions.md cannot be
 * read (gone or turned into a folder since the scan) is dropped with a warning naming the
 * spec and the error code, and the funnel counts how far each spec got; describeCandidates
 * turns those counts into the sentence an empty answer shows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCandidates } from '../../main/specs/candidates/candidate-summary.js';
import { detectCandidates } from '../../main/specs/candidates/detect-candidates.js';
import type { CommandRunner } from '../../main/specs/candidates/github-cli.js';
import type { ScannedSpec } from '../../main/specs/spec-scanner.js';
import type { PhaseName } from '../../main/specs/status-line.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { DAY_MS } from './spec-fixtures.js';

afterAll(removeTempDirs);

const NOW = Date.parse('2026-11-24T12:00:00Z');
const noGit: CommandRunner = { run: () => Promise.reject(new Error('no git or gh in this test')) };

function spec(
  root: string,
  slug: string,
  statuses: Partial<Record<PhaseName, string>>,
  ageMs = 3 * DAY_MS,
): ScannedSpec {
  const dir = join(root, 'docs', 'specs', slug);
  const phases = (['decisions', 'requirements', 'design', 'tasks'] as const).map((name) => ({
    name,
    file: join(dir, `${name}.md`),
    exists: name in statuses,
    status: statuses[name] ?? null,
  }));
  return { slug, root: join(root, 'docs', 'specs'), dir, phases, lastModifiedMs: NOW - ageMs };
}

describe('detectCandidates', () => {
  it('warns, naming the spec and the error code, when tasks.md or decisions.md cannot be read', async () => {
    const root = await tempDir('attune-detect-');
    const gone = spec(root, 'tasks-gone', { decisions: 'approved', tasks: 'approved' });
    await mkdir(gone.dir, { recursive: true });
    await writeFile(join(gone.dir, 'decisions.md'), '**Status:** approved\n');
    const folder = spec(root, 'decisions-folder', { decisions: 'approved', tasks: 'approved' });
    await mkdir(join(folder.dir, 'decisions.md'), { recursive: true });
    await writeFile(join(folder.dir, 'tasks.md'), '**Status:** approved\n- [x] done\n');
    const draft = spec(root, 'draft', { decisions: 'draft' });

    const detection = await detectCandidates({
      specs: [gone, folder, draft],
      projectRoot: root,
      nowMs: NOW,
      runner: noGit,
    });
    expect(detection.candidates).toEqual([]);
    expect(detection.warnings.sort()).toEqual([
      'Spec "decisions-folder" was not considered: could not read docs/specs/decisions-folder/decisions.md (it is a folder, not a file).',
      'Spec "tasks-gone" was not considered: could not read docs/specs/tasks-gone/tasks.md (ENOENT).',
    ]);
    expect(detection.funnel).toEqual({ checked: 3, approved: 2, quiet: 2, tasksDone: 0, unreadable: 2 });
  });

  it('counts how far each spec got: approved, unchanged for 24 h, every task checked', async () => {
    const root = await tempDir('attune-detect-');
    const open = spec(root, 'open-task', { tasks: 'approved' });
    await mkdir(open.dir, { recursive: true });
    await writeFile(join(open.dir, 'tasks.md'), '**Status:** approved\n- [x] one\n- [ ] two\n');
    const fresh = spec(root, 'fresh', { decisions: 'approved (2026-11-24)' }, 60_000);
    const detection = await detectCandidates({
      specs: [open, fresh, spec(root, 'review', { design: 'in-review' })],
      projectRoot: root,
      nowMs: NOW,
      runner: noGit,
    });
    expect(detection).toEqual({
      candidates: [],
      warnings: [],
      funnel: { checked: 3, approved: 2, quiet: 1, tasksDone: 0, unreadable: 0 },
    });
  });
});

describe('describeCandidates', () => {
  const funnel = { checked: 10, approved: 3, quiet: 2, tasksDone: 1, unreadable: 0 };

  it('says how many specs passed each check when none is ready', () => {
    expect(
      describeCandidates({
        funnel: { checked: 10, approved: 0, quiet: 0, tasksDone: 0, unreadable: 0 },
        candidates: 0,
        dismissed: 0,
      }),
    ).toBe('No spec is ready to close. 10 specs checked: 0 approved.');
    expect(describeCandidates({ funnel, candidates: 0, dismissed: 0 })).toBe(
      'No spec is ready to close. 10 specs checked: 3 approved, 2 of them unchanged for 24 h, 1 of those with every task checked, 0 with every PR merged and no open issue.',
    );
    expect(
      describeCandidates({
        funnel: { checked: 0, approved: 0, quiet: 0, tasksDone: 0, unreadable: 0 },
        candidates: 0,
        dismissed: 0,
      }),
    ).toBe('No spec is ready to close. No spec folders were found to check.');
  });

  it('mentions unreadable and dismissed specs', () => {
    expect(describeCandidates({ funnel: { ...funnel, unreadable: 1 }, candidates: 1, dismissed: 1 })).toBe(
      'No spec is ready to close. 10 specs checked: 3 approved, 2 of them unchanged for 24 h, 1 of those with every task checked, 1 with every PR merged and no open issue; 1 could not be read (see the warnings); 1 dismissed.',
    );
    expect(describeCandidates({ funnel, candidates: 1, dismissed: 0 })).toMatch(/^1 spec is ready to close\. /);
  });
});
