/**
 * The desktop's logging (electron/desktop-logging.ts): one redactor shared by the shell
 * and the core services; the shell's own lines are scrubbed both before the config is
 * known (stderr only) and after `attach` (the ops log file under <attuneHome>/ops/logs/
 * plus stderr), and a secret registered later by the core (the launch token, the admin
 * key) is scrubbed in the shell's lines too. No Electron: the real createOpsLogger, a
 * captured stderr and a temp home.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDesktopLogging } from '../../electron/desktop-logging.js';
import { buildConfig, createOpsLogger, SecretRedactor, startServer } from '../../main/index.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const ADMIN_KEY = 'sk-ant-admin01-desktop-log-test-0123456789abcdefghijklmnop';
const ODD_SECRET = 'odd-shaped-secret-value-42';

function capturedStderr() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(stream, { text: () => text });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('desktop logging', () => {
  it('scrubs secrets from the shell logger before the config is known', () => {
    const stderr = capturedStderr();
    const logging = createDesktopLogging({ redactor: new SecretRedactor(), stderr, createOpsLogger });
    logging.redactor.add(ODD_SECRET);
    logging.logger.error(
      { err: new Error(`keychain said ${ADMIN_KEY}`), detail: ODD_SECRET },
      `startup failed with ${ODD_SECRET}`,
    );
    expect(stderr.text()).toContain('startup failed with [REDACTED]');
    expect(stderr.text()).not.toContain(ODD_SECRET);
    expect(stderr.text()).not.toContain(ADMIN_KEY);
  });

  it('after attach, the shell and the services log to <attuneHome>/ops/logs/ops.log through the same redactor', async () => {
    const home = await tempDir('attune-desktop-log-');
    const stderr = capturedStderr();
    const factory = vi.fn(createOpsLogger);
    const logging = createDesktopLogging({ redactor: new SecretRedactor(), stderr, createOpsLogger: factory });
    const coreLogger = await logging.attach(home);
    expect(await logging.attach(home)).toBe(coreLogger);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory.mock.calls[0]![0]).toMatchObject({ attuneHome: home, redactor: logging.redactor });

    // The composition root hands the same redactor and logger to the server: it registers the launch token there.
    const config = buildConfig({
      port: 0,
      attuneHome: home,
      projectRoot: await tempDir('attune-desktop-project-'),
      env: {},
    });
    const server = await startServer(config, {
      env: {},
      secretStore: createMemorySecretStore(),
      redactor: logging.redactor,
      logger: coreLogger,
    });
    try {
      logging.redactor.add(ADMIN_KEY); // as the cost service does once it loads the key
      logging.logger.warn(
        { header: `Bearer ${server.token}`, copy: server.token },
        `shell saw token ${server.token} and key ${ADMIN_KEY}`,
      );
      coreLogger.info({}, `core saw ${server.token}`);
      const file = join(home, 'ops', 'logs', 'ops.log');
      await until(async () => (await readFile(file, 'utf8').catch(() => '')).includes('core saw'));
      const written = await readFile(file, 'utf8');
      expect(written).toContain('shell saw token [REDACTED] and key [REDACTED]');
      expect(written).toContain('"component":"desktop-shell"');
      for (const text of [written, stderr.text()]) {
        expect(text).not.toContain(server.token);
        expect(text).not.toContain(ADMIN_KEY);
      }
      expect(stderr.text()).toContain('shell saw token [REDACTED]');
    } finally {
      await server.close();
    }
  });
});
