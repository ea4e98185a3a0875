/**
 * The app's version, read once from the nearest package.json named attune-ops-desktop
 * (works from the TypeScript sources and from the compiled `dist/` tree alike).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function appVersion(): string {
  if (cached) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'attune-ops-desktop' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here; keep walking up
    }
    directory = dirname(directory);
  }
  return (cached = '0.0.0');
}

/** The project's root folder (where package.json is), for locating the built renderer. */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'attune-ops-desktop') return directory;
    } catch {
      // keep walking up
    }
    directory = dirname(directory);
  }
  return process.cwd();
}
