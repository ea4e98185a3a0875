#!/usr/bin/env node
// The `attune-ops` executable: runs the compiled CLI from dist/ (build with `npm run build`).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node >= 22.1 keeps compiled code on disk between launches (faster cold starts); Node 20 lacks it.
module.enableCompileCache?.();

const entry = fileURLToPath(new URL('../dist/main/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('attune-ops: the app is not built yet. Run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
const { runCli } = await import(entry);
const { processIo } = await import(fileURLToPath(new URL('../dist/main/cli/io.js', import.meta.url)));
process.exitCode = await runCli(process.argv.slice(2), processIo());
