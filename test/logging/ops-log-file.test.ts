/**
 * ops.log on a real full disk (a 64 KiB tmpfs home): a failing write degrades to the
 * fallback with one warning and a `degraded` health (shown by the status as a warning),
 * the file is tried again after the retry interval and recovers once space returns, and a
 * process that logs to a full disk and exits does exit. Mounting needs root; without it
 * the tmpfs cases skip with the reason.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LogHealth } from '../../main/logging/log-health.js';
import { createLogger, silentLogger } from '../../main/logging/logger.js';
import { OpsLogFile } from '../../main/logging/ops-log-file.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { StatusService } from '../../main/status/status-service.js';
import { DIST_INDEX, requireBuild } from '../support/built.js';
import { mountSmallTmpfs, probeTmpfs } from '../core/small-tmpfs.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

const refused = probeTmpfs();
const unmounts: Array<() => void> = [];
afterEach(() => unmounts.splice(0).forEach((u) => u()));
afterAll(removeTempDirs);

function fullHome(): { home: string; filler: string } {
  const fs = mountSmallTmpfs({ sizeKiB: 64 });
  if (fs.kind === 'refused') throw new Error(fs.reason);
  unmounts.push(fs.unmount);
  const filler = join(fs.dir, 'filler');
  try {
    writeFileSync(filler, Buffer.alloc(128 * 1024, 1));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
  return { home: fs.dir, filler };
}

function memory(): { write(text: string): void; text: string } {
  const sink = { text: '', write: (t: string) => void (sink.text += t) };
  return sink;
}

const line = (n: number) => `${JSON.stringify({ n, msg: 'x'.repeat(2000) })}\n`;

describe.skipIf(refused !== undefined)(`ops.log on a full disk (${refused ?? 'tmpfs'})`, () => {
  it('degrades to the fallback with one warning, then recovers when space returns', () => {
    const { home, filler } = fullHome();
    const fallback = memory();
    let now = Date.parse('2026-12-01T10:00:00Z');
    const log = new OpsLogFile(home, { fallback, now: () => now, retryMs: 1000 });
    const changes: LogHealth[] = [];
    log.onLogHealthChange((health) => changes.push(health));
    expect(statSync(log.path).mode & 0o777).toBe(0o600);

    for (let n = 0; n < 5; n++) log.write(line(n));
    expect(log.logHealth()).toMatchObject({ state: 'degraded', reason: 'ENOSPC', since: '2026-12-01T10:00:00.000Z' });
    expect(changes).toHaveLength(1);
    expect(fallback.text.match(/^warning: .*disk is full.*$/gm)).toHaveLength(1);
    for (let n = 0; n < 5; n++) expect(fallback.text).toContain(`"n":${n}`);

    rmSync(filler);
    log.write(line(5)); // within the retry interval: still the fallback
    expect(fallback.text).toContain('"n":5');
    now += 1000;
    log.write(line(6));
    expect(log.logHealth()).toEqual({ state: 'ok' });
    expect(changes.map((c) => c.state)).toEqual(['degraded', 'ok']);
    expect(readFileSync(log.path, 'utf8')).toContain('"n":6');
    expect(fallback.text).not.toContain('"n":6');
    expect(fallback.text).toContain('is writable again');
    log.end();
  });

  it('a degraded log makes the status a warning and says why', () => {
    const { home } = fullHome();
    const log = new OpsLogFile(home, { fallback: memory() });
    const status = new StatusService({
      runs: { runningRuns: () => [], lastFinished: () => null, onChange: () => () => undefined },
      extras: { getExtra: () => undefined, setExtra: async () => undefined },
      logger: silentLogger(),
      logHealth: log,
    });
    expect(status.current().overall).toBe('ok');
    const seen: string[] = [];
    status.onChange((s) => seen.push(s.overall));
    log.write(line(1));
    expect(seen).toEqual(['warning']);
    expect(status.current().log).toMatchObject({ state: 'degraded', reason: 'ENOSPC', path: log.path });
    status.stop();
    log.end();
  });

  it('a pino logger on a full disk neither crashes nor blocks its exit', async () => {
    requireBuild();
    const { home } = fullHome();
    const logger = new URL('logging/logger.js', `file://${DIST_INDEX}`).href;
    const redact = new URL('logging/redact.js', `file://${DIST_INDEX}`).href;
    const script = `
      const { createLogger, fileDestination } = await import(${JSON.stringify(logger)});
      const { SecretRedactor } = await import(${JSON.stringify(redact)});
      const log = createLogger({ redactor: new SecretRedactor(), destinations: [fileDestination(process.argv[1])] });
      for (let i = 0; i < 200; i++) log.info({ i, pad: 'y'.repeat(1000) }, 'line');
      setTimeout(() => process.exit(0), 50);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, home], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 15_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, `the process did not exit; stderr: ${stderr.slice(0, 500)}`).toBe(0);
    expect(stderr).toMatch(/warning: .*ops\.log cannot be written .*ENOSPC/);
    expect(stderr).toContain('"i":199');
  });
});

describe('ops.log that cannot be opened', () => {
  it('degrades when a folder is in the way, and the logger keeps working', async () => {
    const home = await tempDir();
    mkdirSync(join(home, 'ops', 'logs', 'ops.log'), { recursive: true });
    const fallback = memory();
    const file = new OpsLogFile(home, { fallback });
    const logger = createLogger({ redactor: new SecretRedactor(), destinations: [file] });
    logger.info('still heard');
    expect(file.logHealth()).toMatchObject({ state: 'degraded', reason: 'EISDIR' });
    expect(fallback.text).toContain('still heard');
  });
});
