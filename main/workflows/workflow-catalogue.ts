/**
 * The workflows the server can run: `<projectRoot>/.attune/workflows.yaml` plus the
 * optional `<attuneHome>/ops/workflows.yaml`; on a name clash the project's wins. Each
 * file is re-read only when its mtime or size changed (one stat per request), so edits
 * show up without a restart. An invalid file never hides the valid entries: the result
 * carries the problems, the first of them as `error` (file, line, field, message).
 */
import { stat } from 'node:fs/promises';
import { readRegularFileText } from '../core/regular-file.js';
import { join } from 'node:path';
import { parseWorkflowFile, type ParsedWorkflowFile, type WorkflowFileProblem } from './workflow-file.js';
import type { WorkflowDefinition } from './workflow-schema.js';

export interface Catalogue {
  workflows: WorkflowDefinition[];
  error: (WorkflowFileProblem & { more: number }) | null;
  /** Why the list is empty, when it is and nothing is wrong (no file yet). */
  hint: string | null;
}

interface CachedFile {
  key: string;
  parsed: ParsedWorkflowFile;
}

/** Where the format is documented, named as the file so it works offline and in any console. */
export const WORKFLOWS_DOC = 'docs/WORKFLOWS.md in the Attune Ops repository';

export class WorkflowCatalogue {
  readonly files: ReadonlyArray<{ path: string; source: 'project' | 'home' }>;
  private readonly cache = new Map<string, CachedFile>();

  constructor(options: { projectRoot: string; attuneHome: string }) {
    this.files = [
      { path: join(options.projectRoot, '.attune', 'workflows.yaml'), source: 'project' },
      { path: join(options.attuneHome, 'ops', 'workflows.yaml'), source: 'home' },
    ];
  }

  async load(): Promise<Catalogue> {
    const byName = new Map<string, WorkflowDefinition>();
    const problems: WorkflowFileProblem[] = [];
    let anyFile = false;
    for (const file of this.files) {
      const parsed = await this.readFile(file.path, file.source);
      if (!parsed) continue;
      anyFile = true;
      problems.push(...parsed.problems);
      for (const workflow of parsed.workflows) if (!byName.has(workflow.name)) byName.set(workflow.name, workflow);
    }
    const workflows = [...byName.values()];
    const first = problems[0];
    return {
      workflows,
      error: first ? { ...first, more: problems.length - 1 } : null,
      hint: workflows.length > 0 || first ? null : this.emptyHint(anyFile),
    };
  }

  async get(name: string): Promise<WorkflowDefinition | undefined> {
    return (await this.load()).workflows.find((w) => w.name === name);
  }

  private emptyHint(anyFile: boolean): string {
    const project = this.files[0]!.path;
    return anyFile
      ? `The workflows file declares no workflows yet: add entries under 'workflows:' in ${project} (the format is in ${WORKFLOWS_DOC}).`
      : `No workflows declared: create ${project} with a 'workflows:' list (the format is in ${WORKFLOWS_DOC}).`;
  }

  private async readFile(path: string, source: 'project' | 'home'): Promise<ParsedWorkflowFile | undefined> {
    let key: string;
    try {
      const info = await stat(path);
      key = `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      this.cache.delete(path);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined; // no file: not an error
      return {
        workflows: [],
        problems: [{ file: path, line: null, field: null, message: `cannot read the file (${code ?? 'error'})` }],
      };
    }
    const cached = this.cache.get(path);
    if (cached?.key === key) return cached.parsed;
    const read = await readRegularFileText(path);
    if (read.kind !== 'ok') {
      const message =
        read.kind === 'not_regular'
          ? `it is ${read.what}, not a file; it was skipped`
          : `cannot read the file (${read.kind === 'missing' ? 'ENOENT' : read.reason})`;
      return { workflows: [], problems: [{ file: path, line: null, field: null, message }] };
    }
    const parsed = await parseWorkflowFile(read.text, path, source);
    this.cache.set(path, { key, parsed });
    return parsed;
  }
}
