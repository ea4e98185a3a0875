/**
 * The desktop shell's own settings (`desktopProjectRoot`, `recentProjects`) over real
 * HTTP: readable, never writable. A PUT naming either is a 400 `invalid_body` that names
 * the key and says who sets it, and nothing of the body is saved (the theme in the same
 * body too); the store itself (the shell's path) still takes them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

describe('settings only the desktop app writes', () => {
  it('are refused over HTTP with a 400 naming the key, saving nothing of the body', async () => {
    const server = await startTestServer({ home: await tempDir('attune-shell-settings-'), checked: true });
    try {
      await server.services.settings.update({ desktopProjectRoot: '/home/u/app', recentProjects: ['/home/u/app'] });
      for (const [key, value] of [
        ['recentProjects', ['/tmp/evil']],
        ['desktopProjectRoot', '/tmp/evil'],
      ] as const) {
        const answer = await server.api('/api/settings', { method: 'PUT', json: { theme: 'dark', [key]: value } });
        expect(answer.status).toBe(400);
        const body = (await answer.json()) as { error: { code: string; message: string; field: string } };
        expect(body.error.code).toBe('invalid_body');
        expect(body.error.message).toBe(
          `Invalid body field '${key}': is set by the desktop app only (Open a project folder… in its menu), not over HTTP`,
        );
      }
      const read = (await (await server.api('/api/settings')).json()) as { settings: Record<string, unknown> };
      expect(read.settings).toMatchObject({
        theme: 'system',
        desktopProjectRoot: '/home/u/app',
        recentProjects: ['/home/u/app'],
      });
      expect((await server.api('/api/settings', { method: 'PUT', json: { theme: 'dark' } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
