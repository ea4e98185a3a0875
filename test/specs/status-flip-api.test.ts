import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpecList } from '../../main/specs/spec-service.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { removeTempDirs } from '../support/temp.js';
import { copyDemoProject } from './spec-fixtures.js';

afterAll(removeTempDirs);

async function withServer(allowRun: boolean, test: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer({ projectRoot: await copyDemoProject(), config: { allowRun }, checked: true });
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

const flip = (server: TestServer, slug: string, phase: string, status: string) =>
  server.api(`/api/specs/${slug}/${phase}/status`, { method: 'PUT', json: { status } });

describe('PUT /api/specs/:slug/:phase/status', () => {
  it('is refused in read-only mode with how to enable it, leaving the file alone', async () => {
    await withServer(false, async (server) => {
      const file = join(server.projectRoot, 'docs/specs/dark-mode/requirements.md');
      const before = await readFile(file);
      const response = await flip(server, 'dark-mode', 'requirements', 'approved');
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: {
          code: 'read_only',
          message: expect.stringContaining("Turn on 'Allow runs' in Settings or start with --allow-run."),
        },
      });
      expect(await readFile(file)).toEqual(before);
    });
  });

  it('rewrites the status span of a CRLF file, keeps its annotation and mode, and is idempotent', async () => {
    await withServer(true, async (server) => {
      const file = join(server.projectRoot, 'docs/specs/windows-notes/design.md');
      const modeBefore = (await stat(file)).mode;
      const first = await flip(server, 'windows-notes', 'design', 'in-review');
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({
        changed: true,
        previous: 'draft — first sketch',
        status: 'in-review',
      });
      const expected = Buffer.from(
        '# Windows notes: Design\r\n\r\n**Status:** in-review — first sketch\r\n\r\nNormalise paths at the edges.\r\n',
      );
      expect(await readFile(file)).toEqual(expected);
      expect((await stat(file)).mode).toBe(modeBefore);
      const again = await flip(server, 'windows-notes', 'design', 'in-review');
      expect(await again.json()).toMatchObject({ changed: false });
      expect(await readFile(file)).toEqual(expected);
    });
  });

  it('shows the new status and lifecycle in the next list', async () => {
    await withServer(true, async (server) => {
      await flip(server, 'dark-mode', 'requirements', 'approved');
      const body = (await (await server.api('/api/specs')).json()) as SpecList;
      const spec = body.specs.find((entry) => entry.slug === 'dark-mode');
      expect(spec?.phases[1]?.status).toBe('approved');
      expect(spec?.lifecycle).toBe('active');
    });
  });

  it('answers 409 unsafe_rewrite and leaves the file byte-identical when the line is not confidently a status', async () => {
    await withServer(true, async (server) => {
      const file = join(server.projectRoot, 'docs/specs/dark-mode/requirements.md');
      const before = Buffer.from(
        '# Dark mode\r\n\r\n- Status: drafting, see notes\r\n\r\n\xff not utf-8 text? no: plain\r\n',
        'latin1',
      );
      await writeFile(file, before);
      const response = await flip(server, 'dark-mode', 'requirements', 'complete');
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: 'unsafe_rewrite' } });
      expect(await readFile(file)).toEqual(before);

      const odd = Buffer.from('# Dark mode\n\n**Status:** draft\n\xff\xfe\n', 'latin1');
      await writeFile(file, odd);
      const invalid = await flip(server, 'dark-mode', 'requirements', 'complete');
      expect(await invalid.json()).toMatchObject({
        error: { code: 'unsafe_rewrite', message: expect.stringMatching(/UTF-8/) },
      });
      expect(await readFile(file)).toEqual(odd);
    });
  });

  it('validates the phase, the status and the existence of the phase file', async () => {
    await withServer(true, async (server) => {
      expect(await (await flip(server, 'dark-mode', 'summary', 'draft')).json()).toMatchObject({
        error: { code: 'invalid_id' },
      });
      expect(await (await flip(server, 'dark-mode', 'requirements', 'shipped')).json()).toMatchObject({
        error: { code: 'invalid_body', field: 'status' },
      });
      const missing = await flip(server, 'dark-mode', 'tasks', 'draft');
      expect(missing.status).toBe(404);
      expect(await (await flip(server, 'nope', 'tasks', 'draft')).json()).toMatchObject({
        error: { code: 'not_found' },
      });
    });
  });
});
