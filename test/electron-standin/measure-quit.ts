/**
 * Figures on the stand-in (not a test: timings flake on shared machines):
 * `node --import ./test/electron-standin/register.mjs test/electron-standin/measure-quit.ts [N]`
 * launches the built app N times (default 10) on Linux, waits for the console to paint,
 * starts a long run, quits, and prints main() → painted and quit → exit (median, max).
 */
import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDesktop } from './harness.js';
import { REPO_ROOT, startRun } from './scenario-run.js';

const count = Number(process.argv[2] ?? 10);
const server = await chromium.launchServer({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const painted: number[] = [];
const quits: number[] = [];
for (let i = 0; i < count; i += 1) {
  const base = mkdtempSync(join(tmpdir(), 'attune-measure-'));
  const project = join(base, 'project');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo-project'), project, { recursive: true });
  mkdirSync(join(base, 'state'));
  const desktop = launchDesktop({
    platform: 'linux',
    appPath: REPO_ROOT,
    stateDir: join(base, 'state'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: base,
      ATTUNE_HOME: join(base, '.attune'),
      STANDIN_BROWSER_WS: server.wsEndpoint(),
    },
    args: ['--project-root', project, '--allow-run', '--port', '0'],
  });
  const state = await desktop.waitFor(`document.querySelector('header') !== null`);
  painted.push(state.uptimeMs);
  await startRun(desktop, 'long-build');
  const at = Date.now();
  await desktop.send('quit');
  const exit = await desktop.exited;
  quits.push((desktop.exitReportedAt ?? Date.now()) - at);
  if (exit.code !== 0) console.log(`launch ${i}: exit ${exit.code}`);
  rmSync(base, { recursive: true, force: true });
}
await server.close();
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`;
};
console.log(`main() to console painted (${count}): ${stats(painted)}`);
console.log(`quit with a run in progress and the console open (${count}): ${stats(quits)}`);
