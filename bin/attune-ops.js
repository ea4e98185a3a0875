#!/usr/bin/env node
// The `attune-ops` executable: runs the compiled CLI from dist/ (build with `npm run build`).
// It prefers the bundle (dist/bundle, scripts/bundle-cli.mjs: a faster start) when it is at
// least as new as the compiled tree, so a tree rebuilt without the bundle is never shadowed.
import { existsSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node >= 22.1 keeps compiled code on disk between launches (faster cold starts); Node 20 lacks it.
module.enableCompileCache?.();

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const compiled = { cli: path('../dist/main/cli/main.js'), io: path('../dist/main/cli/io.js') };
const bundled = { cli: path('../dist/bundle/cli.mjs'), io: path('../dist/bundle/io.mjs') };
if (!existsSync(compiled.cli)) {
  process.stderr.write('attune-ops: the app is not built yet. Run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
const fresh = existsSync(bundled.cli) && statSync(bundled.cli).mtimeMs >= statSync(compiled.cli).mtimeMs;
const entry = fresh ? bundled : compiled;
const { runCli } = await import(entry.cli);
const { processIo } = await import(entry.io);
process.exitCode = await runCli(process.argv.slice(2), processIo());
