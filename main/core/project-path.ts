/**
 * Validation of a user-supplied path inside the project (a run's scope, a remembered
 * scope). The path is relative to the project root ('' or '.' is the whole project);
 * NUL bytes and absolute paths are refused; symlinks are resolved and the real target
 * must stay inside the real project root, decided on path segments (a first segment of
 * exactly `..`; a folder named `..cache` is inside). The path need not be a directory.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type ProjectPathResult =
  | {
      kind: 'ok';
      /** POSIX-style, relative to the project root; '' is the whole project */ relative: string;
      absolute: string;
    }
  | { kind: 'invalid'; reason: string };

export async function resolveProjectPath(projectRoot: string, input: string): Promise<ProjectPathResult> {
  if (input.includes('\0')) return { kind: 'invalid', reason: 'The path contains a NUL byte.' };
  if (input.length > 4096) return { kind: 'invalid', reason: 'The path is longer than 4096 characters.' };
  const trimmed = input.trim();
  if (isAbsolute(trimmed) || /^[a-zA-Z]:[\\/]/.test(trimmed)) {
    return { kind: 'invalid', reason: 'Give the path relative to the project root, not an absolute path.' };
  }
  let root: string;
  try {
    root = await realpath(projectRoot);
  } catch {
    return { kind: 'invalid', reason: `The project root ${projectRoot} does not exist.` };
  }
  const candidate = resolve(root, trimmed === '' ? '.' : trimmed);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { kind: 'invalid', reason: `No such file or folder in the project: ${trimmed}` };
  }
  const rel = relative(root, real);
  if (rel.split(sep)[0] === '..' || isAbsolute(rel)) {
    return { kind: 'invalid', reason: `The path ${trimmed} leads outside the project root.` };
  }
  return { kind: 'ok', relative: rel.split(sep).join('/'), absolute: real };
}
