#!/usr/bin/env node
/**
 * Security lint of the desktop shell with @doyensec/electronegativity (CI gate).
 *
 *   node scripts/electronegativity.mjs [--json]
 *
 * Scans every source file of electron/ (the .cts preload is copied as .ts into a temp
 * folder, since the scanner reads only .js/.ts/.html/.json), prints each finding, and
 * exits 1 when a HIGH or MEDIUM finding is not explained in
 * build/electronegativity-allowlist.json (entries: id, file, match = a substring of the
 * flagged source line, reason). LOW/INFORMATIONAL findings are printed, never fatal.
 * Allowlist entries that match nothing are reported so the list stays honest.
 *
 * Offline: the check that downloads Electron's release list
 * (AvailableSecurityFixesGlobalCheck) is excluded; the Electron version is given
 * explicitly; the scanner's translation download fails fast and falls back to English.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const ELECTRON_VERSION = require('electron/package.json').version;
const FATAL = new Set(['HIGH', 'MEDIUM']);

/** Copies electron/ to a temp dir with .cts files renamed to .ts; returns the dir. */
export function stageSources(sourceDir = join(root, 'electron')) {
  const dir = mkdtempSync(join(tmpdir(), 'attune-eneg-'));
  cpSync(sourceDir, dir, { recursive: true, filter: (src) => !/\.(png|ico)$/.test(src) });
  for (const entry of readdirSync(dir, { recursive: true })) {
    if (String(entry).endsWith('.cts')) renameSync(join(dir, entry), join(dir, String(entry).replace(/\.cts$/, '.ts')));
  }
  return dir;
}

export function loadAllowlist(path = join(root, 'build', 'electronegativity-allowlist.json')) {
  const list = JSON.parse(readFileSync(path, 'utf8'));
  for (const entry of list.entries) {
    if (!entry.id || !entry.file || !entry.match || !entry.reason || entry.reason.length < 20) {
      throw new Error(`allowlist entry needs id, file, match and a real reason: ${JSON.stringify(entry)}`);
    }
  }
  return list.entries;
}

/** Splits findings into fatal-unexplained, explained, and minor; lists unused entries. */
export function judge(issues, allowlist) {
  const used = new Set();
  const result = { unexplained: [], explained: [], minor: [], unusedEntries: [] };
  for (const issue of issues) {
    const file = issue.file.replace(/\.cts$/, '.ts');
    const entry = allowlist.find((e) => e.id === issue.id && e.file === file && (issue.sample ?? '').includes(e.match));
    if (entry) used.add(entry);
    const row = {
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file,
      line: issue.location.line,
      sample: (issue.sample ?? '').trim(),
      reason: entry?.reason,
    };
    if (!FATAL.has(row.severity)) result.minor.push(row);
    else if (entry) result.explained.push(row);
    else result.unexplained.push(row);
  }
  result.unusedEntries = allowlist.filter((e) => !used.has(e));
  return result;
}

async function main() {
  const run = require('@doyensec/electronegativity');
  const staged = stageSources();
  try {
    const started = Date.now();
    const report = await run(
      {
        input: staged,
        isRelative: true,
        customScan: [],
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        electronVersionOverride: ELECTRON_VERSION,
      },
      false,
    );
    const fatalErrors = report.errors.filter((e) => !e.tolerable);
    const verdict = judge(report.issues, loadAllowlist());
    if (process.argv.includes('--json')) console.log(JSON.stringify({ ...verdict, errors: report.errors }, null, 2));
    const print = (tag, row) =>
      console.log(
        `${tag} ${row.severity}/${row.confidence} ${row.id} electron/${row.file}:${row.line}  ${row.sample.slice(0, 100)}${row.reason ? `\n      allowed: ${row.reason}` : ''}`,
      );
    for (const row of verdict.unexplained) print('FAIL', row);
    for (const row of verdict.explained) print('ok  ', row);
    for (const row of verdict.minor) print('info', row);
    for (const entry of verdict.unusedEntries)
      console.log(`note allowlist entry matched nothing (remove it?): ${entry.id} ${entry.file} "${entry.match}"`);
    for (const error of fatalErrors) console.log(`FAIL could not parse electron/${error.file}: ${error.message}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `electronegativity: ${report.issues.length} findings over electron/ in ${seconds}s (${report.atomicChecks} atomic + ${report.globalChecks} global checks): ${verdict.unexplained.length} unexplained HIGH/MEDIUM, ${verdict.explained.length} explained, ${verdict.minor.length} low/info`,
    );
    process.exitCode = verdict.unexplained.length > 0 || fatalErrors.length > 0 ? 1 : 0;
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
