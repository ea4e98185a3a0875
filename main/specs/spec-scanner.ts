/**
 * Finds specs under the spec roots: a spec is a direct sub-folder holding at least one of
 * decisions.md, requirements.md, design.md, tasks.md. Each phase's status and the
 * folder's newest `.md` mtime are cached per folder.
 *
 * Cache invariants (a warm scan of 500 folders must stay well under 100 ms):
 * - a root is re-listed only when its own mtime/inode changes (folder added or removed);
 * - a folder is re-listed only when its mtime/inode changes (file added, removed, renamed,
 *   atomically replaced);
 * - its `.md` files are still stat-ed on every scan, since an in-place edit changes only
 *   the file; a changed signature re-reads that folder's phase files;
 * - those warm checks are synchronous stats in small chunks between event-loop turns.
 * Folders starting with '.' are ignored; a missing root is reported, not thrown.
 */
import { statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { describeRead, kindOf, readRegularFileText } from '../core/regular-file.js';
import { join } from 'node:path';
import { mapLimit } from './concurrency.js';
import { PHASES, readStatus, type PhaseName } from './status-line.js';

const PHASE_FILES: ReadonlySet<string> = new Set(PHASES.map((phase) => `${phase}.md`));

export interface ScannedPhase {
  name: PhaseName;
  /** Absolute path of `<name>.md`. */
  file: string;
  exists: boolean;
  status: string | null;
}

export interface ScannedSpec {
  slug: string;
  root: string;
  dir: string;
  phases: ScannedPhase[];
  /** Newest mtime of any `.md` file directly in the folder. */
  lastModifiedMs: number;
}

export interface RootReport {
  path: string;
  exists: boolean;
  specCount: number;
  warning?: string;
}

interface FolderCache {
  signature: string;
  mdFiles: Map<string, string>;
  spec: ScannedSpec | null;
  /** Files of this folder that could not be read, in words (reported as warnings). */
  problems: string[];
}

interface RootCache {
  signature: string;
  folders: string[];
  cache: Map<string, FolderCache>;
  /** Why the root's folder list could not be read, if it could not. */
  problem?: string;
}

const SCAN_CONCURRENCY = 16;
const SYNC_CHUNK = 25;

export class SpecScanner {
  private readonly roots = new Map<string, RootCache>();

  constructor(private readonly specRoots: readonly string[]) {}

  /** Scans every root; the first root wins when two hold the same slug. */
  async scan(): Promise<{ roots: RootReport[]; specs: ScannedSpec[]; warnings: string[] }> {
    const reports: RootReport[] = [];
    const specs: ScannedSpec[] = [];
    const seen = new Map<string, string>();
    const warnings: string[] = [];
    for (const root of this.specRoots) {
      const scanned = await this.scanRoot(root);
      if (scanned === null) {
        reports.push({
          path: root,
          exists: false,
          specCount: 0,
          warning: `The spec folder ${root} does not exist. Create it, or start with --specs-root DIR.`,
        });
        continue;
      }
      const { specs: found, problems } = scanned;
      warnings.push(...problems);
      reports.push({ path: root, exists: true, specCount: found.length });
      for (const spec of found) {
        const first = seen.get(spec.slug);
        if (first !== undefined)
          warnings.push(`Spec "${spec.slug}" exists in both ${first} and ${root}; showing the one in ${first}.`);
        else {
          seen.set(spec.slug, root);
          specs.push(spec);
        }
      }
    }
    specs.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return { roots: reports, specs, warnings };
  }

  /** Forgets one folder so the next scan re-reads it (after this process wrote to it). */
  invalidate(dir: string): void {
    for (const [root, cached] of this.roots) {
      for (const name of cached.cache.keys()) if (join(root, name) === dir) cached.cache.delete(name);
    }
  }

  private async scanRoot(root: string): Promise<{ specs: ScannedSpec[]; problems: string[] } | null> {
    const signature = await signatureOf(root);
    if (signature === null) {
      this.roots.delete(root);
      return null;
    }
    let cached = this.roots.get(root);
    if (!cached || cached.signature !== signature) {
      let problem: string | undefined;
      const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        problem = `Could not list the spec folder ${root} (${error.code ?? error.message}); its specs are not shown.`;
        return [] as Dirent[];
      });
      const folders = entries
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name)
        .sort();
      cached = { signature, folders, cache: cached?.cache ?? new Map(), ...(problem !== undefined && { problem }) };
      const present = new Set(folders);
      for (const name of cached.cache.keys()) if (!present.has(name)) cached.cache.delete(name);
      this.roots.set(root, cached);
    }
    return this.scanFolders(root, cached);
  }

  /**
   * The warm path checks cached folders with synchronous stats in chunks of
   * `SYNC_CHUNK` folders, yielding to the event loop between chunks: far cheaper than
   * thousands of thread-pool round trips, and no chunk blocks for more than a few ms.
   * New or changed folders are then read asynchronously.
   */
  private async scanFolders(root: string, rootCache: RootCache): Promise<{ specs: ScannedSpec[]; problems: string[] }> {
    const { folders, cache } = rootCache;
    const results = new Array<ScannedSpec | null>(folders.length).fill(null);
    const changed: number[] = [];
    for (let start = 0; start < folders.length; start += SYNC_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (let index = start; index < Math.min(start + SYNC_CHUNK, folders.length); index += 1) {
        const cached = cache.get(folders[index]!);
        if (cached && unchangedSync(join(root, folders[index]!), cached)) results[index] = cached.spec;
        else changed.push(index);
      }
    }
    await mapLimit(changed, SCAN_CONCURRENCY, async (index) => {
      const name = folders[index]!;
      const signature = await signatureOf(join(root, name));
      if (signature === null) return;
      const fresh = await readFolder(root, name, signature);
      cache.set(name, fresh);
      results[index] = fresh.spec;
    });
    const problems = [
      ...(rootCache.problem ? [rootCache.problem] : []),
      ...folders.flatMap((name) => cache.get(name)?.problems ?? []),
    ];
    return { specs: results.filter((spec): spec is ScannedSpec => spec !== null), problems };
  }
}

async function readFolder(root: string, slug: string, signature: string): Promise<FolderCache> {
  const dir = join(root, slug);
  const problems: string[] = [];
  const names = (
    await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      problems.push(`Could not list the spec folder ${dir} (${error.code ?? error.message}); it is not shown.`);
      return [] as string[];
    })
  ).filter((file) => file.endsWith('.md'));
  const mdFiles = new Map<string, string>();
  let lastModifiedMs = 0;
  const infos = await Promise.all(
    names.map(async (file) => [file, await stat(join(dir, file)).catch(() => null)] as const),
  );
  for (const [file, info] of infos) {
    if (info && !info.isFile() && PHASE_FILES.has(file))
      problems.push(`Skipped ${join(dir, file)}: it is ${kindOf(info)}, not a file.`);
    if (!info?.isFile()) continue;
    mdFiles.set(file, fileSignature(info));
    lastModifiedMs = Math.max(lastModifiedMs, info.mtimeMs);
  }
  const phases = await Promise.all(
    PHASES.map(async (phase): Promise<ScannedPhase> => {
      const file = join(dir, `${phase}.md`);
      if (!mdFiles.has(`${phase}.md`)) return { name: phase, file, exists: false, status: null };
      const read = await readRegularFileText(file);
      // It exists but cannot be read (or was swapped for a FIFO): present, status unknown, and said.
      if (read.kind !== 'ok') problems.push(`Could not read ${file} (${describeRead(read)}); its status is unknown.`);
      const text = read.kind === 'ok' ? read.text : null;
      return { name: phase, file, exists: true, status: text === null ? null : readStatus(text) };
    }),
  );
  const spec = phases.some((phase) => phase.exists) ? { slug, root, dir, phases, lastModifiedMs } : null;
  return { signature, mdFiles, spec, problems };
}

function unchangedSync(dir: string, cached: FolderCache): boolean {
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info?.isDirectory() || fileSignature(info) !== cached.signature) return false;
  for (const [file, signature] of cached.mdFiles) {
    const fileInfo = statSync(join(dir, file), { throwIfNoEntry: false });
    if (!fileInfo || fileSignature(fileInfo) !== signature) return false;
  }
  return true;
}

async function signatureOf(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  return info?.isDirectory() ? fileSignature(info) : null;
}

function fileSignature(info: { mtimeMs: number; size: number; ino: number }): string {
  return `${info.mtimeMs}:${info.size}:${info.ino}`;
}
