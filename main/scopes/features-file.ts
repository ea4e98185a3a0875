/**
 * Reads `<projectRoot>/.help/features.yaml` (docs/SCOPES.md: `version: 1` and
 * `features:`, a mapping from feature name to `{description, files, tags}`), opened only
 * as a regular file (a FIFO or folder there is reported, never waited on).
 *
 * Outcomes are a union, never a throw for a bad file: `missing` says where the file goes
 * and what it looks like; `invalid` carries the YAML error with its line. A feature entry
 * that is not a mapping is skipped and named in `skipped`, the rest still load; every
 * problem of a loaded entry is listed at once in `problems`.
 * Features come back sorted by name.
 */
import { readRegularFileText } from '../core/regular-file.js';
import { deriveFeaturePath } from './feature-path.js';

export const FEATURES_FILE = '.help/features.yaml';

export interface Feature {
  name: string;
  description: string;
  /** The scope path relative to the project root, or null when none can be derived. */
  path: string | null;
  tags: string[];
  /** Why `path` is null, in words a user can act on. */
  pathReason?: string;
}

export type FeaturesRead =
  | {
      kind: 'ok';
      features: Feature[];
      /** Entries that are not mappings (not loaded). */
      skipped: string[];
      /** One sentence per loaded entry with every problem of it (the bad fields are ignored). */
      problems: string[];
    }
  | { kind: 'missing'; warning: string }
  | { kind: 'invalid'; warning: string };

export const FEATURES_EXAMPLE =
  'version: 1\nfeatures:\n  api:\n    description: The HTTP API\n    files: ["src/api/**"]\n    tags: [backend]';

export function missingFeaturesWarning(filePath: string): string {
  return `No feature list found. Create ${filePath} to offer features as scopes, for example:\n${FEATURES_EXAMPLE}`;
}

/** Reads and parses the features file; never throws for a missing or malformed file. */
export async function readFeaturesFile(filePath: string): Promise<FeaturesRead> {
  const read = await readRegularFileText(filePath);
  if (read.kind === 'missing') return { kind: 'missing', warning: missingFeaturesWarning(filePath) };
  if (read.kind === 'not_regular')
    return { kind: 'invalid', warning: `${filePath} is ${read.what}, not a file; it was skipped.` };
  if (read.kind === 'unreadable') return { kind: 'invalid', warning: `Could not read ${filePath} (${read.reason}).` };
  return await parseFeaturesText(read.text, filePath);
}

/** Parses the text of a features file (`filePath` is only used in messages); loads yaml on first use. */
export async function parseFeaturesText(text: string, filePath: string): Promise<FeaturesRead> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError)
    return { kind: 'invalid', warning: yamlWarning(filePath, text, yamlError.message, yamlError.linePos?.[0]) };
  const data: unknown = doc.toJS();
  if (!isRecord(data))
    return { kind: 'invalid', warning: `${filePath} must be a mapping with "version: 1" and "features:".` };
  if (data.version !== undefined && data.version !== 1) {
    return {
      kind: 'invalid',
      warning: `${filePath} has version ${JSON.stringify(data.version)}; only version 1 is understood.`,
    };
  }
  if (data.features === undefined || data.features === null)
    return { kind: 'ok', features: [], skipped: [], problems: [] };
  if (!isRecord(data.features)) {
    return {
      kind: 'invalid',
      warning: `"features" in ${filePath} must be a mapping from feature name to {description, files, tags}.`,
    };
  }
  const features: Feature[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(data.features)) {
    if (!isRecord(value)) {
      skipped.push(name);
      continue;
    }
    const found = entryProblems(value);
    if (found.length > 0) problems.push(`Feature "${name}": ${found.join('; ')}.`);
    features.push(toFeature(name, value));
  }
  features.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: 'ok', features, skipped, problems };
}

/**
 * One complete sentence: where, what, and the offending line itself. The yaml library's
 * message ends in its own " at line N, column M:" followed by a code excerpt on the next
 * lines; that tail is replaced by our own location and a quote of the line.
 */
function yamlWarning(
  filePath: string,
  text: string,
  message: string,
  pos: { line: number; col: number } | undefined,
): string {
  const what = (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '').replace(/[.:\s]+$/, '');
  if (!pos) return `${filePath} is not valid YAML: ${what}.`;
  const lines = text.split(/\r?\n/);
  const source = lines[pos.line - 1]?.trimEnd() ?? '';
  let context: string;
  if (source.trim() !== '') context = `Line ${pos.line} reads: ${quote(source)}.`;
  else {
    const last = lines.slice(0, pos.line - 1).findLastIndex((line) => line.trim() !== '');
    const where = pos.line >= lines.length ? 'the end of the file' : 'blank';
    context =
      last < 0
        ? `Line ${pos.line} is ${where}.`
        : `Line ${pos.line} is ${where}; the line with text before it, line ${last + 1}, reads: ${quote(lines[last]!.trimEnd())}.`;
  }
  return `${filePath} is not valid YAML at line ${pos.line}, column ${pos.col}: ${what}. ${context}`;
}

function quote(line: string): string {
  return JSON.stringify(line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED)}…` : line);
}

const MAX_QUOTED = 120;

function toFeature(name: string, value: Record<string, unknown>): Feature {
  const files = stringList(value.files);
  const derived = deriveFeaturePath(files);
  return {
    name,
    description: typeof value.description === 'string' ? value.description : '',
    path: derived.kind === 'path' ? derived.path : null,
    tags: stringList(value.tags),
    ...(derived.kind === 'none' && { pathReason: derived.reason }),
  };
}

const FIELDS = new Set(['description', 'files', 'tags']);

/** Every problem of one entry (docs/SCOPES.md lists the fields). */
function entryProblems(value: Record<string, unknown>): string[] {
  const problems = Object.keys(value)
    .filter((key) => !FIELDS.has(key))
    .map((key) => `unknown field "${key}"`);
  if (value.description !== undefined && typeof value.description !== 'string')
    problems.push('"description" must be text');
  for (const field of ['files', 'tags'] as const) {
    const v = value[field];
    if (v === undefined || typeof v === 'string') continue;
    if (!Array.isArray(v)) problems.push(`"${field}" must be a list of text`);
    else
      v.forEach((item, i) => {
        if (typeof item !== 'string') problems.push(`"${field}" item ${i + 1} must be text`);
      });
  }
  return problems;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
