import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import { removeTempDirs } from '../support/temp.js';

afterAll(removeTempDirs);

describe('ops server smoke', () => {
  it('answers health without a token and info with one', async () => {
    const server = await startTestServer();
    try {
      const health = await server.api('/api/health', { auth: false });
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true });
      const info = await server.api('/api/info');
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ projectRoot: server.projectRoot, allowRun: false });
      const denied = await server.api('/api/info', { auth: false });
      expect(denied.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
