#!/usr/bin/env node
/**
 * `npm run bench`: runs every case in bench/cases/*.mjs (sorted by file name) against
 * the built `dist/`, prints one table, and writes bench/results.json.
 *
 * A case module exports `title` and a default `async function run(h)` that returns rows:
 *   { metric, value, unit, baseline?, ratio?, goal?, pass? }
 * where `ratio` compares against a baseline measured in the same process and run, and
 * `pass` says whether the issue's goal was met. `h` is the helper object from
 * bench/lib/harness.mjs. Pass case-name substrings as arguments to run only those.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness } from './lib/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = readdirSync(join(root, 'bench', 'cases'))
  .filter((f) => f.endsWith('.mjs'))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

const results = [];
const harness = createHarness(root);
try {
  for (const file of files) {
    const mod = await import(join(root, 'bench', 'cases', file));
    const title = mod.title ?? file;
    process.stderr.write(`bench: ${title}…\n`);
    const started = performance.now();
    try {
      const rows = await mod.default(harness);
      results.push({ case: title, file, seconds: (performance.now() - started) / 1000, rows });
    } catch (error) {
      results.push({ case: title, file, error: String(error?.stack ?? error), rows: [] });
    }
    await harness.cleanup();
  }
} finally {
  await harness.cleanup();
}

const fmt = (v) =>
  typeof v === 'number'
    ? Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 10
        ? v.toFixed(1)
        : v.toFixed(2)
    : (v ?? '');
const table = [['case', 'metric', 'value', 'unit', 'baseline', 'ratio', 'goal', 'pass']];
for (const r of results) {
  if (r.error) table.push([r.case, 'ERROR', r.error.split('\n')[0], '', '', '', '', 'no']);
  for (const row of r.rows)
    table.push([
      r.case,
      row.metric,
      fmt(row.value),
      row.unit ?? '',
      fmt(row.baseline),
      fmt(row.ratio),
      row.goal ?? '',
      row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
    ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, j) => String(cell).padEnd(widths[j])).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const out = join(root, 'bench', 'results.json');
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
process.exit(results.some((r) => r.error) ? 1 : 0);
