import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecList } from '../../main/specs/spec-service.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { removeTempDirs } from '../support/temp.js';
import { DAY_MS, ageSpec, copyDemoProject } from './spec-fixtures.js';

afterAll(removeTempDirs);

describe('specs of the demo project', () => {
  let server: TestServer;
  beforeAll(async () => {
    const projectRoot = await copyDemoProject();
    await ageSpec(projectRoot, 'old-reporting', 60 * DAY_MS);
    server = await startTestServer({ projectRoot, checked: true });
    return () => server.close();
  });

  it('lists one spec per lifecycle bucket, with counts', async () => {
    const body = (await (await server.api('/api/specs')).json()) as SpecList;
    const buckets = Object.fromEntries(body.specs.map((spec) => [spec.slug, spec.lifecycle]));
    expect(buckets).toEqual({
      'api-handbook': 'active',
      'dark-mode': 'draft',
      'export-csv': 'approved-not-shipped',
      'legacy-export': 'parked',
      'old-reporting': 'stale',
      'onboarding-flow': 'complete',
      'rate-limits': 'approved-not-shipped',
      'search-pause': 'paused',
      'token-refresh': 'active',
      'windows-notes': 'draft',
    });
    expect(body.counts).toEqual({
      paused: 1,
      parked: 1,
      complete: 1,
      active: 2,
      stale: 1,
      draft: 2,
      'approved-not-shipped': 2,
    });
    expect(body.roots).toEqual([{ path: join(server.projectRoot, 'docs', 'specs'), exists: true, specCount: 10 }]);
  });

  it('gives phases in order with file, existence and the full status', async () => {
    const body = (await (await server.api('/api/specs')).json()) as SpecList;
    const csv = body.specs.find((spec) => spec.slug === 'export-csv');
    expect(csv?.path).toBe('docs/specs/export-csv');
    expect(csv?.phases).toEqual([
      { name: 'decisions', file: 'docs/specs/export-csv/decisions.md', exists: false, status: null },
      {
        name: 'requirements',
        file: 'docs/specs/export-csv/requirements.md',
        exists: true,
        status: 'approved (2026-05-09)',
      },
      { name: 'design', file: 'docs/specs/export-csv/design.md', exists: false, status: null },
      { name: 'tasks', file: 'docs/specs/export-csv/tasks.md', exists: true, status: 'in-review' },
    ]);
    const newest = Math.max(
      ...(await Promise.all(
        ['requirements.md', 'tasks.md'].map(
          async (f) => (await stat(join(server.projectRoot, 'docs/specs/export-csv', f))).mtimeMs,
        ),
      )),
    );
    expect(csv?.lastModified).toBe(new Date(newest).toISOString());
    expect(body.specs.find((spec) => spec.slug === 'windows-notes')?.phases[1]?.status).toBe('in-review');
  });

  it('gives one spec with the text of each phase', async () => {
    const response = await server.api('/api/specs/rate-limits');
    const { spec } = (await response.json()) as { spec: { phases: { name: string; text: string | null }[] } };
    expect(spec.phases.map((phase) => [phase.name, phase.text === null ? null : phase.text.split('\n')[0]])).toEqual([
      ['decisions', '# Rate limits: Decisions'],
      ['requirements', '# Rate limits: Requirements'],
      ['design', null],
      ['tasks', '# Rate limits: Tasks'],
    ]);
  });

  it('answers 400 invalid_id for a slug with /, \\ or .. and 404 for an unknown one', async () => {
    for (const path of ['/api/specs/..%2Fsecrets', '/api/specs/a%5Cb', '/api/specs/a..b']) {
      const response = await server.raw({ path, headers: { Authorization: `Bearer ${server.token}` } });
      expect([path, response.status, (response.json() as { error: { code: string } }).error.code]).toEqual([
        path,
        400,
        'invalid_id',
      ]);
    }
    const unknown = await server.api('/api/specs/no-such-spec');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('notices an in-place edit of a phase file', async () => {
    const file = join(server.projectRoot, 'docs/specs/dark-mode/requirements.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('**Status:** draft', '**Status:** paused'));
    const body = (await (await server.api('/api/specs')).json()) as SpecList;
    expect(body.specs.find((spec) => spec.slug === 'dark-mode')?.lifecycle).toBe('paused');
  });
});

describe('a missing spec root', () => {
  it('is listed with a warning instead of failing', async () => {
    const server = await startTestServer({ checked: true });
    try {
      const body = (await (await server.api('/api/specs')).json()) as SpecList;
      expect(body.specs).toEqual([]);
      expect(body.roots).toEqual([
        {
          path: join(server.projectRoot, 'docs', 'specs'),
          exists: false,
          specCount: 0,
          warning: expect.stringMatching(/does not exist.*--specs-root/),
        },
      ]);
    } finally {
      await server.close();
    }
  });
});

describe.runIf(process.platform === 'linux')('a spec file that exists but cannot be read', () => {
  it('is shown as present with an unknown status and a warning, never as missing', async () => {
    const projectRoot = await copyDemoProject();
    const dir = join(projectRoot, 'docs', 'specs', 'unreadable-spec');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'requirements.md'), '# Unreadable\n\n**Status:** approved\n');
    // A regular file by stat, but reading it fails (EIO), even for root.
    await symlink('/proc/self/mem', join(dir, 'design.md'));
    const server = await startTestServer({ projectRoot, checked: true });
    try {
      const list = (await (await server.api('/api/specs')).json()) as SpecList;
      const spec = list.specs.find((s) => s.slug === 'unreadable-spec');
      expect(spec?.phases.find((p) => p.name === 'design')).toMatchObject({ exists: true, status: null });
      expect(list.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/Could not read .*design\.md \(EIO\); its status is unknown\./)]),
      );
      const { spec: detail } = (await (await server.api('/api/specs/unreadable-spec')).json()) as {
        spec: { phases: { name: string; text: string | null; readError: string | null }[] };
      };
      expect(detail.phases.find((p) => p.name === 'design')).toMatchObject({
        text: null,
        readError: 'Could not read design.md (EIO).',
      });
      expect(detail.phases.find((p) => p.name === 'requirements')).toMatchObject({
        readError: null,
        text: expect.stringContaining('approved'),
      });
    } finally {
      await server.close();
    }
  });
});
