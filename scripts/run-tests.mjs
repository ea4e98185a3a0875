#!/usr/bin/env node
/**
 * The test gate behind `npm test`. `--check` (the first step of `npm test`) checks every
 * stage's prerequisites in about a second and prints one list of what is missing with the
 * install command. Without it, the stages in `STAGES` run in order (or those named on the
 * command line), each writing a JSON report; a stage whose prerequisites are missing fails
 * with the reason, never silently. On macOS and Windows the keychain stage uses the OS
 * keychain when reachable and is skipped with the reason otherwise. The summary repeats
 * each stage's reason and every failed test (file, name, first line of the message), and
 * ends with `tests: N passed, N failed, N skipped`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkPrerequisites, installHint, probeOsKeychain } from './test-prerequisites.mjs';

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'test-artifacts', 'reports');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
const linux = process.platform === 'linux';

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

function runVitest(title, command, argv, env = process.env) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, argv, { stdio: 'inherit', env, cwd: root });
  return result.status === 0
    ? { ok: true }
    : { ok: false, reason: `vitest exited with ${result.status ?? result.signal}` };
}

/** Runs vitest projects inside a private D-Bus session with an unlocked GNOME keyring (Linux). */
function inKeyringSession(title, projects, report, extraEnv = {}) {
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
    return runVitest(
      title,
      'dbus-run-session',
      ['--', 'sh', '-c', inner, process.execPath, ...vitestArgs(projects, report)],
      env,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Elsewhere the OS keychain itself (macOS Keychain, Windows Credential Manager). */
function withKeychain(title, projects, report, extraEnv = {}) {
  if (linux) return inKeyringSession(title, projects, report, extraEnv);
  const env = { ...process.env, ...extraEnv, ATTUNE_KEYCHAIN_TESTS: '1' };
  delete env.ANTHROPIC_ADMIN_API_KEY;
  return runVitest(title, process.execPath, vitestArgs(projects, report), env);
}

const prerequisites = checkPrerequisites(root);

/** The stages, in order. Each `run(report)` answers `{ ok, reason? }` or `{ skip: reason }`. */
const STAGES = [
  {
    name: 'unit',
    run: (report) => runVitest('unit + renderer', process.execPath, vitestArgs(['unit', 'renderer'], report)),
  },
  {
    name: 'keychain',
    run: (report) => {
      if (!linux) {
        const probe = probeOsKeychain(root);
        if (!probe.ok) return { skip: `the OS keychain is not reachable (${probe.reason})` };
      }
      return withKeychain('keychain (private D-Bus session on Linux, else the OS keychain)', ['keychain'], report);
    },
  },
  {
    name: 'e2e',
    run: (report) => {
      if (!existsSync(join(root, 'dist', 'renderer', 'index.html')))
        return { ok: false, reason: 'the console is not built: run `npm run build` first (npm test does)' };
      return withKeychain('e2e (headless Chromium)', ['e2e'], report, { CHROMIUM_PATH: prerequisites.chromium });
    },
  },
];

function missingFor(name) {
  return prerequisites.byStage[name]?.filter((p) => !p.ok) ?? [];
}

const selected = STAGES.filter((s) => only.length === 0 || only.includes(s.name));
const missing = selected.flatMap((s) => missingFor(s.name).map((m) => ({ ...m, stage: s.name })));
if (missing.length > 0) {
  console.error('The tests need these, which are missing on this machine:');
  for (const m of missing) console.error(`  - ${m.what} (for the ${m.stage} stage)`);
  console.error(`To install: ${installHint(missing)}`);
}
if (checkOnly) process.exit(missing.length > 0 ? 1 : 0);

function counts(report) {
  if (!existsSync(report)) return { passed: 0, failed: 0, skipped: 0, noReport: true };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failedTests = json.numFailedTests ?? 0;
  // A file that fails to load has no failing test but fails the run: count it once.
  const brokenFiles = failedTests === 0 && json.success === false ? Math.max(1, json.numFailedTestSuites ?? 0) : 0;
  return {
    passed: json.numPassedTests ?? 0,
    failed: failedTests + brokenFiles,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
    failures: failuresOf(json),
  };
}

/** Each failed test (or file that failed to load) as one line: file, name, the message's first line. */
function failuresOf(json) {
  try {
    return failedLines(json);
  } catch {
    return ['(the failed tests could not be read from the report)'];
  }
}

function failedLines(json) {
  const lines = [];
  for (const file of json.testResults ?? []) {
    const where = relative(root, file.name ?? '');
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) lines.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (failedTests.length === 0 && file.status === 'failed') lines.push(`${where}: ${firstLine(file.message)}`);
  }
  return lines;
}

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? ''
  );
}

mkdirSync(reportDir, { recursive: true });
const results = selected.map((stage) => {
  const report = join(reportDir, `${stage.name}.json`);
  rmSync(report, { force: true });
  const absent = missingFor(stage.name);
  const outcome =
    absent.length > 0 ? { ok: false, reason: `missing ${absent.map((m) => m.what).join(', ')}` } : stage.run(report);
  if (outcome.reason || outcome.skip) console.error(`${stage.name}: ${outcome.skip ?? outcome.reason}`);
  return { name: stage.name, ...outcome, ...counts(report) };
});

console.log('\n=== summary ===');
let failed = 0;
for (const r of results) {
  const failedHere = r.failed + (!r.ok && !r.skip && r.failed === 0 ? 1 : 0);
  failed += failedHere;
  const label = r.skip ? 'SKIP' : failedHere === 0 ? 'ok  ' : 'FAIL';
  const why = r.skip ?? r.reason ?? (r.noReport && !r.ok ? 'no report written' : '');
  console.log(
    `${label} ${r.name}: ${r.passed} passed, ${failedHere} failed, ${r.skipped} skipped${why ? ` — ${why}` : ''}`,
  );
  for (const failure of r.failures ?? []) console.log(`       ✗ ${failure}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
