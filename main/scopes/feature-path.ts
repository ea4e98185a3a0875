/**
 * How a feature of `.help/features.yaml` becomes a scope path (docs/COMPATIBILITY.md): its first
 * `dir/**` entry without the `/**`, else its first entry with no glob character
 * (`*`, `?`, `[`), else none. Entries are normalised first (`./` prefix, backslashes,
 * trailing `/` removed). Pure: it never touches the disk.
 */

const GLOB_CHARS = /[*?[]/;

export type FeaturePath = { kind: 'path'; path: string } | { kind: 'none'; reason: string };

/** Derives the scope path of one feature from its `files` entries. */
export function deriveFeaturePath(files: readonly string[]): FeaturePath {
  const entries = files.map(normaliseEntry).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (!entry.endsWith('/**')) continue;
    const dir = entry.slice(0, -'/**'.length);
    if (dir !== '' && !GLOB_CHARS.test(dir)) return { kind: 'path', path: dir };
  }
  const plain = entries.find((entry) => !GLOB_CHARS.test(entry));
  if (plain !== undefined) return { kind: 'path', path: plain };
  return {
    kind: 'none',
    reason:
      entries.length === 0
        ? 'This feature lists no files, so it has no folder to scope a run to. Add an entry such as "src/api/**".'
        : 'Every entry of this feature is a glob without a plain folder, so it has no folder to scope a run to. Add an entry such as "src/api/**".',
  };
}

function normaliseEntry(entry: string): string {
  let value = entry.trim().replace(/\\/g, '/');
  while (value.startsWith('./')) value = value.slice(2);
  if (value === '.') return '';
  if (value.length > 1 && value.endsWith('/') && !value.endsWith('**/')) value = value.replace(/\/+$/, '');
  return value;
}
