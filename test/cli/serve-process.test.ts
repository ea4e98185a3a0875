/**
 * `attune-ops serve` as a real process: it blocks, serves, prints what the user needs,
 * exits 0 on SIGTERM/SIGINT after a clean shutdown, and exits 1 on a taken port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { requireBuild } from '../support/built.js';
import { checkedFetch } from '../support/checked-fetch.js';
import { runCliProcess } from '../support/cli-process.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

beforeAll(requireBuild);
afterAll(removeTempDirs);

const TOKEN = 'cli-test-token-abcdefghijklmnopqrstuvwxyz';
/** A fetch of a served URL whose answers are checked against the contract. */
const checked = (url: string, token: string) =>
  checkedFetch((path, init = {}) =>
    fetch(`${url}${path}`, { ...init, headers: init.auth === false ? {} : { Authorization: `Bearer ${token}` } }),
  );

async function serveArgs(extra: string[] = []) {
  const home = await tempDir('cli-home-');
  const project = await tempDir('cli-project-');
  return {
    home,
    project,
    args: ['serve', '--port', '0', '--no-browser', '--project-root', project, ...extra],
    env: { ATTUNE_HOME: home, ATTUNE_OPS_TOKEN: TOKEN },
  };
}

describe('attune-ops serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('blocks, serves, and exits 0 on %s', async (signal) => {
    const { args, env, project, home } = await serveArgs();
    const cli = runCliProcess(args, env);
    const [, url] = await cli.waitForOutput(/console: (http:\/\/127\.0\.0\.1:\d+)\/\?token=/);
    expect(cli.stdout()).toContain(`?token=${TOKEN}`);
    expect(cli.stdout()).toContain(`project root:     ${project}`);
    expect(cli.stdout()).toContain(`attune home:      ${home}`);
    expect(cli.stdout()).toMatch(/allow-run: +off \(.*--allow-run/);
    expect(cli.stdout()).toMatch(/specs-candidates: off/);
    const api = checked(url!, TOKEN);
    const health = await api('/api/health', { auth: false });
    expect(health.status).toBe(200);
    const info = await api('/api/info');
    expect(await info.json()).toMatchObject({ projectRoot: project, attuneHome: home });
    expect(cli.child.exitCode).toBeNull();
    cli.child.kill(signal);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toContain('stopped cleanly');
  });

  it('prints allow-run on and specs-candidates on when asked', async () => {
    const { args, env } = await serveArgs(['--allow-run', '--specs-candidates']);
    const cli = runCliProcess(args, env);
    await cli.waitForOutput(/specs-candidates: on/);
    expect(cli.stdout()).toMatch(/allow-run: +on/);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it('exits 1 with a one-line error when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { args, env } = await serveArgs();
      const cli = runCliProcess([...args, '--port', String(port)], env);
      expect((await cli.exited).code).toBe(1);
      expect(cli.stderr().trim().split('\n')).toHaveLength(1);
      expect(cli.stderr()).toContain(`port ${port}`);
      expect(cli.stderr()).toContain('already in use');
    } finally {
      blocker.close();
    }
  });

  it('warns when binding a non-loopback address without --trusted-host', async () => {
    const { args, env } = await serveArgs(['--host', '0.0.0.0']);
    const cli = runCliProcess(args, env);
    await cli.waitForOutput(/non-loopback/);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it('takes the token from ATTUNE_OPS_TOKEN', async () => {
    const { args, env } = await serveArgs();
    const cli = runCliProcess(args, { ...env, ATTUNE_OPS_TOKEN: 'env-token-0123456789abcdef' });
    await cli.waitForOutput(/\?token=env-token-0123456789abcdef/);
    cli.child.kill('SIGTERM');
    await cli.exited;
  });
});

describe('the launch token is never a process argument', () => {
  it('refuses --token with exit 2 and one line saying why', async () => {
    const { args, env } = await serveArgs(['--token', TOKEN]);
    const cli = runCliProcess(args, env);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr().trim().split('\n')).toHaveLength(1);
    expect(cli.stderr()).toMatch(/--token is refused: .*\/proc\/<pid>\/cmdline.*--token-file PATH or ATTUNE_OPS_TOKEN/);
    expect(cli.stderr()).not.toContain(TOKEN);
  });

  it('reads --token-file (mode 600) and serves with that token, which is not in its arguments', async () => {
    const { args, env, home } = await serveArgs();
    const file = join(home, 'token');
    await writeFile(file, `file-token-0123456789abcdefgh\n`, { mode: 0o600 });
    const cli = runCliProcess([...args, '--token-file', file], { ATTUNE_HOME: env.ATTUNE_HOME });
    const [, url] = await cli.waitForOutput(
      /console: (http:\/\/127\.0\.0\.1:\d+)\/\?token=file-token-0123456789abcdefgh/,
    );
    const cmdline = await readFile(`/proc/${cli.child.pid}/cmdline`, 'utf8');
    expect(cmdline).not.toContain('file-token-0123456789abcdefgh');
    const info = await checked(url!, 'file-token-0123456789abcdefgh')('/api/info');
    expect(info.status).toBe(200);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it.each([
    ['readable by others', 0o644, /readable by other users \(mode 0644\); run chmod 600/],
    ['readable by the group', 0o640, /readable by other users \(mode 0640\)/],
  ])('refuses a token file %s with exit 2 and one line', async (_name, mode, message) => {
    const { args, env, home } = await serveArgs();
    const file = join(home, 'token');
    await writeFile(file, 'file-token-0123456789abcdefgh\n');
    await chmod(file, mode);
    const cli = runCliProcess([...args, '--token-file', file], { ATTUNE_HOME: env.ATTUNE_HOME });
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(message);
    expect(cli.stderr().trim().split('\n')).toHaveLength(1);
    expect(cli.stderr()).not.toContain('file-token-0123456789abcdefgh');
  });

  it('refuses a folder or a missing file as the token file', async () => {
    const { args, env, home } = await serveArgs();
    for (const [file, message] of [
      [home, /is a folder, not a regular file/],
      [join(home, 'nope'), /does not exist/],
    ] as const) {
      const cli = runCliProcess([...args, '--token-file', file], { ATTUNE_HOME: env.ATTUNE_HOME });
      expect((await cli.exited).code).toBe(2);
      expect(cli.stderr()).toMatch(message);
    }
  });
});

describe('attune-ops help and errors', () => {
  it('prints --version and --help and exits 0', async () => {
    const version = runCliProcess(['--version']);
    expect((await version.exited).code).toBe(0);
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCliProcess(['serve', '--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toContain('--allow-run');
  });

  it.each([
    [['serve', '--port', 'eighty']],
    [['serve', '--bogus']],
    [['serve', '--specs-candidates', '--no-specs-candidates']],
    [['frobnicate']],
  ])('exits 2 with usage for %j', async (args) => {
    const cli = runCliProcess(args);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(/attune-ops/);
  });
});
