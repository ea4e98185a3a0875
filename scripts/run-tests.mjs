#!/usr/bin/env node
/**
 * The test gate behind `npm test` (after typecheck, lint and build):
 *   1. unit + renderer projects (plain Node / happy-dom)
 *   2. keychain project inside a private D-Bus session with an unlocked GNOME keyring,
 *      with a throw-away HOME so the developer's own keyring is never touched
 *   3. e2e project (headless Chromium against the real server)
 * Each stage writes a JSON report; the script ends with one plain summary line
 * `tests: N passed, N failed, N skipped` and exits non-zero if any stage failed.
 * A missing system tool (dbus-run-session, gnome-keyring-daemon, chromium) fails the
 * run with the package to install; it is never skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'test-artifacts', 'reports');
mkdirSync(reportDir, { recursive: true });
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const only = process.argv.slice(2);

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function vitestArgs(projects, report) {
  return [
    vitest,
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
}

function runStage(name, command, args, env = process.env) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env, cwd: root });
  return result.status === 0;
}

function counts(report) {
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0, missing: true };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failedTests = json.numFailedTests ?? 0;
  // A file that fails to load has no failing test but fails the run: count it once.
  const brokenFiles = failedTests === 0 && json.success === false ? Math.max(1, json.numFailedTestSuites ?? 0) : 0;
  return {
    passed: json.numPassedTests ?? 0,
    failed: failedTests + brokenFiles,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

const stages = [];

function stage(name, fn) {
  if (only.length > 0 && !only.includes(name)) return;
  const report = join(reportDir, `${name}.json`);
  rmSync(report, { force: true });
  const ok = fn(report);
  stages.push({ name, ok, ...counts(report) });
}

stage('unit', (report) => runStage('unit + renderer', process.execPath, vitestArgs(['unit', 'renderer'], report)));

/** Runs vitest projects inside a private D-Bus session with an unlocked GNOME keyring. */
function inKeyringSession(title, projects, report, extraEnv = {}) {
  for (const [tool, pkg] of [
    ['dbus-run-session', 'dbus'],
    ['gnome-keyring-daemon', 'gnome-keyring'],
  ]) {
    if (!which(tool)) {
      console.error(`${title} needs ${tool}: apt-get install ${pkg} dbus-x11 libsecret-1-dev`);
      return false;
    }
  }
  const home = mkdtempSync(join(tmpdir(), 'attune-keyring-home-'));
  const env = {
    ...process.env,
    ...extraEnv,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_RUNTIME_DIR: home,
    ATTUNE_KEYCHAIN_TESTS: '1',
  };
  delete env.ANTHROPIC_ADMIN_API_KEY;
  const inner = `printf 'attune-test-pw' | gnome-keyring-daemon --unlock --daemonize --components=secrets >/dev/null && exec "$0" "$@"`;
  try {
    return runStage(
      title,
      'dbus-run-session',
      ['--', 'sh', '-c', inner, process.execPath, ...vitestArgs(projects, report)],
      env,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

stage('keychain', (report) => inKeyringSession('keychain (private D-Bus session)', ['keychain'], report));

stage('e2e', (report) => {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`e2e tests need Chromium at ${chromium}: apt-get install chromium (or set CHROMIUM_PATH)`);
    return false;
  }
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    console.error('e2e tests need the built console: run `npm run build` first (npm test does).');
    return false;
  }
  return inKeyringSession('e2e (headless Chromium, private D-Bus session)', ['e2e'], report, {
    CHROMIUM_PATH: chromium,
  });
});

const total = stages.reduce(
  (acc, s) => ({
    passed: acc.passed + s.passed,
    failed: acc.failed + s.failed + (s.ok || s.failed ? 0 : 1),
    skipped: acc.skipped + s.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n=== summary ===');
for (const s of stages)
  console.log(
    `${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${s.missing ? ' (no report)' : ''}`,
  );
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(stages.every((s) => s.ok) && total.passed > 0 ? 0 : 1);
