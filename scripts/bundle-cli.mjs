#!/usr/bin/env node
/**
 * Bundles the compiled command line (dist/main/cli) with its dependencies into
 * dist/bundle/, which bin/attune-ops.js runs when it is at least as new as dist/main.
 * Why: a cold `attune-ops serve` spent most of its start-up resolving and loading some
 * hundreds of small ES modules (zod, Koa and their trees); one bundle per lazily loaded
 * part starts about a third faster (`npm run bench`, foundation and costs). Dynamic
 * imports stay separate chunks, so what the core loads on first use still loads then.
 * keytar (a native addon) and Node's built-ins stay external. The desktop shell loads
 * dist/main itself; the bundle is for the CLI only.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/bundle`;

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { cli: `${root}dist/main/cli/main.js`, io: `${root}dist/main/cli/io.js` },
  platform: 'node',
  external: ['keytar', /^node:/],
  output: { dir: outDir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
  onLog(level, log, handler) {
    // depd (under Koa) builds deprecation wrappers with eval, on purpose: not ours to fix.
    if (log.code === 'EVAL' && /depd/.test(log.id ?? log.message)) return;
    handler(level, log);
  },
});
console.log(`bundled the CLI into ${outDir}`);
