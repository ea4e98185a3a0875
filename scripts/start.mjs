#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): launches the desktop app (`electron .`, the app
 * folder, so it has its own identity). When Electron's runtime is missing it runs
 * Electron's own installer (`node node_modules/electron/install.js`, showing its output,
 * at most START_INSTALL_TIMEOUT_MS, default 180 s); if that fails (offline) it says so in
 * one line with the command to fetch the runtime later and runs the headless server.
 * The detection only looks at files (electron/electron-runtime.ts).
 *
 * Extra arguments are passed through: `npm start -- --project-root ../my-project`.
 * The child's exit code is this script's exit code; SIGINT/SIGTERM are forwarded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runtimeModule = join(root, 'dist', 'electron', 'electron-runtime.js');
if (!existsSync(runtimeModule)) {
  process.stderr.write('start: the app is not built yet. Run `npm start` (which builds first) or `npm run build`.\n');
  process.exit(1);
}
const { detectElectronRuntime, launchPlan, findConsoleUrl, headlessNotice, INSTALL_COMMAND } = await import(
  runtimeModule
);

const electronDir = join(root, 'node_modules', 'electron');
const detect = () =>
  detectElectronRuntime({
    electronDir,
    env: process.env,
    exists: existsSync,
    readText: (p) => readFileSync(p, 'utf8'),
  });

let runtime = detect();
if (
  runtime.kind === 'missing' &&
  existsSync(join(electronDir, 'install.js')) &&
  !process.env.ELECTRON_OVERRIDE_DIST_PATH
) {
  const timeout = Number(process.env.START_INSTALL_TIMEOUT_MS ?? 180_000);
  process.stderr.write(
    `start: Electron's runtime is missing; fetching it (${INSTALL_COMMAND}, up to ${timeout / 1000} s)…\n`,
  );
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    stdio: 'inherit',
    timeout,
    env: { ...process.env, ...(process.env.CI ? {} : { FORCE_COLOR: '1' }) },
  });
  const after = detect();
  if (after.kind === 'missing') {
    const why = install.error?.code === 'ETIMEDOUT' ? `timed out after ${timeout / 1000} s` : `exit ${install.status}`;
    runtime = { kind: 'missing', reason: `the download failed (${why}; offline?)` };
  } else runtime = after;
}
const plan = launchPlan(runtime, { root, nodePath: process.execPath, args: process.argv.slice(2) });

const child = spawn(plan.command, plan.args, {
  stdio: plan.kind === 'desktop' ? 'inherit' : ['inherit', 'pipe', 'inherit'],
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

if (plan.kind === 'headless') {
  let seen = '';
  let announced = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (announced) return;
    seen += chunk;
    const url = findConsoleUrl(seen);
    if (url) {
      announced = true;
      process.stdout.write(`${headlessNotice(plan.reason, url)}\n`);
    }
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  process.stderr.write(`start: could not launch ${plan.command}: ${error.message}\n`);
  process.exit(1);
});
