/**
 * Every file a comment cites exists: a comment in main/, electron/, renderer/,
 * scripts/, bench/, build/ or test/ that names a repository path
 * (`main/runs/log/run-logs.ts`, `docs/API.md`) or a top-level document
 * (`ARCHITECTURE.md`) must name a file that is in the repository, so a move or a
 * deletion cannot leave the reader pointed at nothing. Files the code writes
 * (GENERATED) are exempt.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const FOLDERS = ['main', 'electron', 'renderer', 'scripts', 'bench', 'build', 'test'];
const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'fixtures']);
const REPO_PATH =
  /(?<![\w./-])((?:main|electron|renderer|test|scripts|bench|build|docs)\/[\w./-]*\w\.(?:ts|tsx|cts|mjs|cjs|js|md|json|wat|yaml|cjs))(?![\w/-])/g;
const COMMENT = /\/\*[\s\S]*?\*\/|(?<![:\w])\/\/[^\n]*/g;
const GENERATED = new Set(['bench/results.json']);
const TOP_DOC = /(?<![\w./-])([A-Z][A-Z-]+\.md)(?![\w/-])/g;

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (SKIP.has(entry)) continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(entry)) out.push(path);
  }
  return out;
}

/** `file.js` in a comment often means the compiled name of `file.ts`. */
function exists(cited: string): boolean {
  if (GENERATED.has(cited)) return true;
  const path = join(root, cited);
  if (existsSync(path)) return true;
  const source = cited.replace(/\.js$/, '.ts');
  return source !== cited && (existsSync(join(root, source)) || existsSync(join(root, source + 'x')));
}

describe('files the code cites', () => {
  it('all exist', () => {
    const missing: string[] = [];
    let cited = 0;
    for (const file of FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)))) {
      const text = [...readFileSync(file, 'utf8').matchAll(COMMENT)].map((m) => m[0]).join('\n');
      const where = relative(root, file);
      for (const [, path] of text.matchAll(REPO_PATH)) {
        cited += 1;
        if (!exists(path!)) missing.push(`${where}: ${path}`);
      }
      for (const [, doc] of text.matchAll(TOP_DOC)) {
        cited += 1;
        if (!exists(doc!)) missing.push(`${where}: ${doc} (a top-level document; in docs/ name it docs/${doc})`);
      }
    }
    expect(cited).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
