import { createServer, type Server } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig, startServer, type RunningServer } from '../../main/index.js';
import { startWithPortFallback } from '../../electron/port-fallback.js';
import { tempDir, removeTempDirs } from '../support/temp.js';

afterAll(removeTempDirs);

async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function configFor(port: number) {
  const home = await tempDir('attune-shell-home-');
  await mkdir(join(home, 'ops'), { recursive: true });
  return buildConfig({ port, attuneHome: home, projectRoot: await tempDir('attune-shell-project-'), env: {} });
}

describe('port fallback', () => {
  it('falls back to a free port when another program holds the configured one, and says so', async () => {
    const blocker = await occupyPort();
    const config = await configFor(blocker.port);
    let running: RunningServer | undefined;
    try {
      const outcome = await startWithPortFallback({
        wantedPort: blocker.port,
        start: (port) => startServer({ ...config, port }, { env: {} }),
        portOf: (s) => s.port,
      });
      running = outcome.value;
      expect(outcome.kind).toBe('fallback');
      expect(outcome.port).not.toBe(blocker.port);
      expect(outcome.kind === 'fallback' && outcome.reason).toContain(`Port ${blocker.port} is in use`);
      const health = await fetch(`${running.url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await running?.close();
      blocker.server.close();
    }
  });

  it('uses the configured port when it is free', async () => {
    const probe = await occupyPort();
    probe.server.close();
    await new Promise((resolve) => probe.server.once('close', resolve));
    const config = await configFor(probe.port);
    const outcome = await startWithPortFallback({
      wantedPort: probe.port,
      start: (port) => startServer({ ...config, port }, { env: {} }),
      portOf: (s) => s.port,
    });
    try {
      expect(outcome).toMatchObject({ kind: 'configured', port: probe.port });
    } finally {
      await outcome.value.close();
    }
  });

  it('rethrows failures other than address-in-use', async () => {
    const failure = Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
    const attempts: number[] = [];
    await expect(
      startWithPortFallback({
        wantedPort: 80,
        start: async (port) => (attempts.push(port), Promise.reject(failure)),
        portOf: () => 0,
      }),
    ).rejects.toBe(failure);
    expect(attempts).toEqual([80]);
  });
});
