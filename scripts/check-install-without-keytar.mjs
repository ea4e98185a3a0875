#!/usr/bin/env node
/**
 * CI check that keytar is truly optional: a fresh clone of this commit is installed with
 * `npm ci --prefer-offline` (from the npm cache the main gate's install filled) while
 * libsecret is hidden from pkg-config and keytar's prebuilt binary is not fetched, so its
 * native build fails. The install must still succeed; the CLI is built; `serve` on port 0 must answer
 * /api/health, and the key state must be `keychain_unavailable` saying what to install.
 * Exits 0 when all of that holds; prints the failing step otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'attune-no-keytar-'));
const repo = join(work, 'repo');
const emptyPkgConfig = join(work, 'pkgconfig');
mkdirSync(emptyPkgConfig);
const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
const env = {
  ...process.env,
  PKG_CONFIG_PATH: emptyPkgConfig,
  PKG_CONFIG_LIBDIR: '/nonexistent',
  npm_config_cache: npmCache,
  // keytar's install script tries a prebuilt binary first; a source build is what fails without libsecret
  npm_config_build_from_source: 'true',
  ATTUNE_HOME: join(work, 'home'),
};
delete env.ANTHROPIC_ADMIN_API_KEY;

function step(title, command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: repo, env, encoding: 'utf8', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`check-install-without-keytar: ${title} failed (exit ${result.status}, ${seconds} s)`);
    console.error((result.stdout ?? '') + (result.stderr ?? ''));
    throw new Error(title);
  }
  console.log(`check-install-without-keytar: ${title}: ok (${seconds} s)`);
  return result;
}

async function serveAndCheck() {
  const token = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['bin/attune-ops.js', 'serve', '--port', '0', '--project-root', repo], {
    cwd: repo,
    env: { ...env, ATTUNE_OPS_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no console URL in 30 s:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /console: (http:\/\/[^\s/]+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
    });
    const health = await fetch(`${url}/api/health`);
    if (health.status !== 200) throw new Error(`/api/health answered ${health.status}`);
    console.log('check-install-without-keytar: serve /api/health: 200');
    const costs = await (await fetch(`${url}/api/costs`, { headers: { authorization: `Bearer ${token}` } })).text();
    if (!costs.includes('keychain_unavailable') || !/keytar's native module is not installed/i.test(costs))
      throw new Error(`the key state does not say keychain_unavailable with the reason:\n${costs.slice(0, 800)}`);
    console.log(
      "check-install-without-keytar: key state: keychain_unavailable (keytar's native module is not installed)",
    );
  } finally {
    child.kill('SIGTERM');
  }
}

try {
  step('clone', 'git', ['clone', '--quiet', '--no-hardlinks', root, repo], { cwd: work });
  step('npm ci --prefer-offline (libsecret hidden, no prebuilt keytar)', 'npm', [
    'ci',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ]);
  if (existsSync(join(repo, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node')))
    throw new Error('keytar was built although libsecret was hidden: this check proves nothing here');
  console.log('check-install-without-keytar: keytar is not installed (as intended)');
  step('build the CLI', 'npm', ['run', 'build:node']);
  await serveAndCheck();
  console.log('check-install-without-keytar: ok');
} catch (error) {
  console.error(`check-install-without-keytar: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
