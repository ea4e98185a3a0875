import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { copyDemoProject } from '../specs/spec-fixtures.js';

afterAll(removeTempDirs);

async function withServer(projectRoot: string, test: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer({ projectRoot, checked: true });
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

describe('GET /api/scopes', () => {
  it('lists the demo features sorted by name, with the whole project labelled', async () => {
    await withServer(await copyDemoProject(), async (server) => {
      const body = (await (await server.api('/api/scopes')).json()) as Record<string, unknown>;
      expect(body.wholeProject).toEqual({ label: 'Whole project', path: '' });
      expect(body.lastByWorkflow).toEqual({});
      expect(body.warning).toBeUndefined();
      expect(body.features).toEqual([
        { name: 'api', description: 'The HTTP API handlers', path: 'src/api', tags: ['backend', 'http'] },
        {
          name: 'core',
          description: 'Shared configuration and helpers',
          path: 'src/core/config.mjs',
          tags: ['backend'],
        },
        { name: 'docs', description: 'Guides and specs', path: 'docs', tags: ['docs'] },
        { name: 'tooling', description: 'The scripts behind the demo workflows', path: 'scripts', tags: ['build'] },
        { name: 'ui', description: 'The browser UI components', path: 'src/ui', tags: ['frontend'] },
      ]);
    });
  });

  it('says where the file goes and what it looks like when it is missing', async () => {
    const root = await tempDir('attune-project-');
    await withServer(root, async (server) => {
      const body = (await (await server.api('/api/scopes')).json()) as { features: unknown[]; warning: string };
      expect(body.features).toEqual([]);
      expect(body.warning).toContain(join(root, '.help', 'features.yaml'));
      expect(body.warning).toContain('features:');
    });
  });

  it('reports a malformed file as a warning with the line, and re-reads the file once it changes', async () => {
    const root = await tempDir('attune-project-');
    await mkdir(join(root, '.help'));
    await mkdir(join(root, 'lib'));
    const file = join(root, '.help', 'features.yaml');
    await writeFile(file, 'version: 1\nfeatures:\n  lib:\n    files: [lib/**\n');
    await withServer(root, async (server) => {
      const broken = (await (await server.api('/api/scopes')).json()) as { features: unknown[]; warning: string };
      expect(broken.features).toEqual([]);
      expect(broken.warning).toBe(
        `${file} is not valid YAML at line 5, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]. Line 5 is the end of the file; the line with text before it, line 4, reads: "    files: [lib/**".`,
      );
      await writeFile(file, 'version: 1\nfeatures:\n  lib:\n    files: [lib/**]\n');
      const fixed = (await (await server.api('/api/scopes')).json()) as {
        features: { path: string }[];
        warning?: string;
      };
      expect(fixed.warning).toBeUndefined();
      expect(fixed.features.map((feature) => feature.path)).toEqual(['lib']);
    });
  });

  it('offers a feature whose folder lies outside the project without a path, saying why', async () => {
    const root = await tempDir('attune-project-');
    await mkdir(join(root, '.help'));
    await writeFile(
      join(root, '.help', 'features.yaml'),
      'features:\n  outside:\n    files: ["../elsewhere/**"]\n  gone:\n    files: ["missing/**"]\n',
    );
    await withServer(root, async (server) => {
      const body = (await (await server.api('/api/scopes')).json()) as {
        features: { name: string; path: string | null; pathReason?: string }[];
      };
      expect(body.features.map((f) => [f.name, f.path])).toEqual([
        ['gone', null],
        ['outside', null],
      ]);
      expect(body.features[0]?.pathReason).toMatch(/No such file or folder/);
      expect(body.features[1]?.pathReason).toBeTruthy();
    });
  });
});

describe('PUT /api/scopes/last', () => {
  it('remembers the last scope per workflow in the settings file', async () => {
    await withServer(await copyDemoProject(), async (server) => {
      expect(
        (await server.api('/api/scopes/last', { method: 'PUT', json: { workflow: 'lint', path: './src/api/' } }))
          .status,
      ).toBe(200);
      const put = await server.api('/api/scopes/last', { method: 'PUT', json: { workflow: 'test', path: '' } });
      expect(await put.json()).toEqual({ workflow: 'test', path: '', lastByWorkflow: { lint: 'src/api', test: '' } });
      const body = (await (await server.api('/api/scopes')).json()) as { lastByWorkflow: Record<string, string> };
      expect(body.lastByWorkflow).toEqual({ lint: 'src/api', test: '' });
      const settings = JSON.parse(await readFile(join(server.home, 'ops', 'config.json'), 'utf8')) as {
        settings?: Record<string, unknown>;
      } & Record<string, unknown>;
      expect(JSON.stringify(settings)).toContain('"lastScopeByWorkflow"');
    });
  });

  it('refuses a path outside the project, a bad workflow name and unknown keys', async () => {
    await withServer(await copyDemoProject(), async (server) => {
      const outside = await server.api('/api/scopes/last', {
        method: 'PUT',
        json: { workflow: 'lint', path: '../..' },
      });
      expect(outside.status).toBe(400);
      expect(await outside.json()).toMatchObject({
        error: { code: 'invalid_path', message: expect.stringMatching(/outside the project root/) },
      });
      const badName = await server.api('/api/scopes/last', { method: 'PUT', json: { workflow: 'Lint!', path: 'src' } });
      expect(await badName.json()).toMatchObject({ error: { code: 'invalid_body', field: 'workflow' } });
      const extra = await server.api('/api/scopes/last', {
        method: 'PUT',
        json: { workflow: 'lint', path: 'src', global: true },
      });
      expect(await extra.json()).toMatchObject({
        error: { code: 'invalid_body', message: expect.stringContaining('global') },
      });
    });
  });

  it('drops a remembered path that no longer lies inside the project root, and says so', async () => {
    const root = await copyDemoProject();
    await withServer(root, async (server) => {
      await server.api('/api/scopes/last', { method: 'PUT', json: { workflow: 'lint', path: 'src/ui' } });
      await server.api('/api/scopes/last', { method: 'PUT', json: { workflow: 'test', path: 'src/api' } });
      await rm(join(root, 'src', 'ui'), { recursive: true });
      const body = (await (await server.api('/api/scopes')).json()) as {
        lastByWorkflow: Record<string, string>;
        droppedLast: unknown[];
      };
      expect(body.lastByWorkflow).toEqual({ test: 'src/api' });
      expect(body.droppedLast).toEqual([
        { workflow: 'lint', path: 'src/ui', reason: expect.stringContaining('src/ui') },
      ]);
    });
  });
});
