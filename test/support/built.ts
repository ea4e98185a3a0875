/**
 * Paths to the compiled app. Tests that run the CLI or measure imports as real processes
 * use the `dist/` build that `npm test` makes before running tests.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/attune-ops.js', import.meta.url));
export const DIST_INDEX = fileURLToPath(new URL('../../dist/main/index.js', import.meta.url));

export function requireBuild(): void {
  if (!existsSync(DIST_INDEX))
    throw new Error('dist/ is missing: run `npm run build` before these tests (npm test does).');
}
