/**
 * Parses one workflows.yaml: `{version?: 1, workflows: [...]}` (a bare list is accepted
 * too). Each entry is validated on its own and every problem of it is reported (not only
 * the first); each names the file, the line and the field, so the UI can say exactly what to fix while the valid entries stay usable.
 * The yaml package loads on the first parse, not at server start-up.
 */
import type { Node } from 'yaml';
import { workflowEntrySchema, type WorkflowDefinition } from './workflow-schema.js';

export interface WorkflowFileProblem {
  file: string;
  line: number | null;
  field: string | null;
  message: string;
}

export interface ParsedWorkflowFile {
  workflows: WorkflowDefinition[];
  problems: WorkflowFileProblem[];
}

export async function parseWorkflowFile(
  text: string,
  file: string,
  source: 'project' | 'home',
): Promise<ParsedWorkflowFile> {
  const { isMap, isSeq, LineCounter, parseDocument } = await import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problem = (
    node: { range?: [number, number, number] | null } | null | undefined,
    field: string | null,
    message: string,
  ): WorkflowFileProblem => ({
    file,
    line: node?.range ? lineCounter.linePos(node.range[0]).line : null,
    field,
    message,
  });
  const first = doc.errors[0];
  if (first)
    return {
      workflows: [],
      problems: [
        {
          file,
          line: lineCounter.linePos(first.pos[0]).line,
          field: null,
          message: `YAML syntax error: ${first.message.split('\n')[0]}`,
        },
      ],
    };
  if (doc.contents === null) return { workflows: [], problems: [] };

  const root = doc.contents as Node;
  const list = isSeq(root) ? root : isMap(root) ? root.get('workflows', true) : undefined;
  if (isMap(root)) {
    const version = root.get('version');
    if (version !== undefined && version !== 1)
      return {
        workflows: [],
        problems: [
          problem(root.get('version', true) as Node, 'version', `unsupported version ${String(version)} (expected 1)`),
        ],
      };
  }
  if (list === undefined || list === null)
    return { workflows: [], problems: [problem(root, 'workflows', "missing the 'workflows:' list")] };
  if (!isSeq(list))
    return { workflows: [], problems: [problem(list as Node, 'workflows', "'workflows' must be a list")] };

  const workflows: WorkflowDefinition[] = [];
  const problems: WorkflowFileProblem[] = [];
  const seen = new Set<string>();
  list.items.forEach((item, index) => {
    const parsed = workflowEntrySchema.safeParse((item as Node).toJSON());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path[0]];
        for (const key of keys) {
          const field = key === undefined ? null : String(key);
          const target =
            isMap(item) && field ? ((item.get(field, true) as Node | undefined) ?? findKey(item, field) ?? item) : item;
          const label =
            issue.code === 'unrecognized_keys' ? `unknown field '${field}'` : `${field ?? 'entry'}: ${issue.message}`;
          problems.push(problem(target as Node, field, `workflow #${index + 1}: ${label}`));
        }
      }
      return;
    }
    const entry = parsed.data;
    if (seen.has(entry.name)) {
      problems.push(
        problem(
          isMap(item) ? ((item.get('name', true) as Node) ?? item) : (item as Node),
          'name',
          `workflow #${index + 1}: the name '${entry.name}' is declared twice`,
        ),
      );
      return;
    }
    seen.add(entry.name);
    workflows.push({ ...entry, command: Array.isArray(entry.command) ? entry.command : [entry.command], source, file });
  });
  return { workflows, problems };
}

function findKey(map: { items: Array<{ key: unknown }> }, field: string): Node | undefined {
  const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === field);
  return pair?.key as Node | undefined;
}
