#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): launches the desktop app when Electron's runtime
 * is installed, otherwise the headless server, with one line saying so and the URL to
 * open. The detection only looks at files (electron/electron-runtime.ts): it never
 * requires 'electron', whose first use would try to download the runtime.
 *
 * Extra arguments are passed through: `npm start -- --project-root ../my-project`.
 * The child's exit code is this script's exit code; SIGINT/SIGTERM are forwarded.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runtimeModule = join(root, 'dist', 'electron', 'electron-runtime.js');
if (!existsSync(runtimeModule)) {
  process.stderr.write('start: the app is not built yet. Run `npm start` (which builds first) or `npm run build`.\n');
  process.exit(1);
}
const { detectElectronRuntime, launchPlan, findConsoleUrl, headlessNotice } = await import(runtimeModule);

const runtime = detectElectronRuntime({
  electronDir: join(root, 'node_modules', 'electron'),
  env: process.env,
  exists: existsSync,
  readText: (path) => readFileSync(path, 'utf8'),
});
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
