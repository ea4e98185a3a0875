/**
 * What a scope picker can hold, as a union, and its mapping to and from the path the
 * server takes: '' is the whole project (never "src/" in disguise), a feature stands for
 * its derived path, and a custom path is whatever the user typed (validated by the
 * server, whose `invalid_path` message the picker shows inline).
 */
import type { Feature } from '../api/scopes';

export type ScopeChoice =
  { kind: 'whole' } | { kind: 'feature'; name: string; path: string } | { kind: 'custom'; text: string };

export const WHOLE_PROJECT: ScopeChoice = { kind: 'whole' };

/** The path sent to the server for a choice. */
export function pathOfChoice(choice: ScopeChoice): string {
  switch (choice.kind) {
    case 'whole':
      return '';
    case 'feature':
      return choice.path;
    case 'custom':
      return normalizeTypedPath(choice.text);
  }
}

/** Restores a remembered path: a feature when one has exactly that path, else custom. */
export function choiceFromPath(path: string | undefined, features: readonly Feature[]): ScopeChoice {
  if (!path) return WHOLE_PROJECT;
  const feature = features.find((f) => f.path !== null && f.path !== '' && samePath(f.path, path));
  if (feature?.path) return { kind: 'feature', name: feature.name, path: feature.path };
  return { kind: 'custom', text: path };
}

/** Trims whitespace and a trailing slash ("src/api/ " → "src/api"); "." or "./" → ''. */
export function normalizeTypedPath(text: string): string {
  const trimmed = text.trim().replace(/\/+$/, '');
  return trimmed === '.' ? '' : trimmed.replace(/^\.\//, '');
}

function samePath(a: string, b: string): boolean {
  return normalizeTypedPath(a) === normalizeTypedPath(b);
}

/** The <select> value that represents a choice. */
export function selectValueOf(choice: ScopeChoice): string {
  return choice.kind === 'whole' ? 'whole' : choice.kind === 'custom' ? 'custom' : `feature:${choice.name}`;
}

export function describeChoice(choice: ScopeChoice): string {
  if (choice.kind === 'whole') return 'Whole project';
  if (choice.kind === 'feature') return `${choice.name} (${choice.path})`;
  return pathOfChoice(choice) || 'Whole project';
}
