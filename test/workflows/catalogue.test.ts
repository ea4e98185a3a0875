/**
 * The workflow catalogue over HTTP: project and home files (project wins on a clash),
 * an invalid file yields the valid entries plus an error naming file, line and field,
 * edits are picked up without a restart, and an absent file says how to create one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkflowFile } from '../../main/workflows/workflow-file.js';
import { removeTempDirs } from '../support/temp.js';
import { startRunsServer, writeWorkflows } from '../runs/run-fixtures.js';

afterAll(removeTempDirs);

interface WorkflowsBody {
  workflows: Array<{
    name: string;
    description: string;
    acceptsPath: boolean;
    command: string[];
    source: string;
    concern: string;
  }>;
  error: { file: string; line: number | null; field: string | null; message: string } | null;
  hint: string | null;
}

describe('GET /api/workflows', () => {
  it('merges the project and home files, the project winning a name clash', async () => {
    const server = await startRunsServer([
      { name: 'test', description: 'project tests', command: ['npm', 'test'], pathArg: ['{path}'], concern: 'test' },
    ]);
    try {
      await writeFile(
        join(server.home, 'ops', 'workflows.yaml'),
        'workflows:\n  - name: test\n    command: [home]\n  - name: deploy\n    command: [./deploy.sh]\n',
      );
      const body = (await (await server.api('/api/workflows')).json()) as WorkflowsBody;
      expect(body.error).toBeNull();
      expect(body.workflows).toEqual([
        expect.objectContaining({
          name: 'test',
          description: 'project tests',
          acceptsPath: true,
          command: ['npm', 'test'],
          source: 'project',
          concern: 'test',
        }),
        expect.objectContaining({ name: 'deploy', acceptsPath: false, source: 'home' }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('an invalid entry: the valid ones plus an error with file, line and field; a fix shows up without a restart', async () => {
    const server = await startRunsServer([]);
    try {
      const file = await writeWorkflows(
        server.projectRoot,
        [
          'version: 1',
          'workflows:',
          '  - name: good',
          '    command: [echo, hi]',
          '  - name: bad',
          '    command: [echo]',
          '    timeoutMinutes: soon',
          '',
        ].join('\n'),
      );
      const body = (await (await server.api('/api/workflows')).json()) as WorkflowsBody;
      expect(body.workflows.map((w) => w.name)).toEqual(['good']);
      expect(body.error).toMatchObject({ file, line: 7, field: 'timeoutMinutes' });
      expect(body.error!.message).toContain(`${file} line 7`);

      await writeWorkflows(
        server.projectRoot,
        [
          'workflows:',
          '  - name: good',
          '    command: [echo, hi]',
          '  - name: bad',
          '    command: [echo]',
          '    timeoutMinutes: 5',
          '',
        ].join('\n'),
      );
      const fixed = (await (await server.api('/api/workflows')).json()) as WorkflowsBody;
      expect(fixed.error).toBeNull();
      expect(fixed.workflows.map((w) => w.name)).toEqual(['good', 'bad']);
    } finally {
      await server.close();
    }
  });

  it('no workflows file: an empty list with a hint naming the file to create', async () => {
    const server = await startRunsServer([]);
    try {
      const { rm } = await import('node:fs/promises');
      await rm(join(server.projectRoot, '.attune'), { recursive: true });
      const body = (await (await server.api('/api/workflows')).json()) as WorkflowsBody;
      expect(body.workflows).toEqual([]);
      expect(body.hint).toContain(join(server.projectRoot, '.attune', 'workflows.yaml'));
      expect(body.hint).toContain('docs/WORKFLOWS.md');
      expect(body.hint).not.toContain('see the docs');
    } finally {
      await server.close();
    }
  });
});

describe('parseWorkflowFile', () => {
  const parse = (text: string) => parseWorkflowFile(text, '/p/.attune/workflows.yaml', 'project');

  it.each([
    ['workflows:\n  - name: Bad_Name\n    command: [x]\n', 2, 'name'],
    ['workflows:\n  - name: ok\n    command: [x]\n    colour: red\n', 4, 'colour'],
    ['workflows:\n  - name: ok\n    command: run it\n', 3, 'command'],
    ['workflows:\n  - name: ok\n', 2, 'command'],
    ['workflows:\n  - name: dup\n    command: [x]\n  - name: dup\n    command: [y]\n', 4, 'name'],
    ['version: 2\nworkflows: []\n', 1, 'version'],
  ])('%j → a problem at line %i, field %s', async (text, line, field) => {
    const result = await parse(text);
    expect(result.problems[0]).toMatchObject({ line, field });
  });

  it('a workflows file that cannot be read is an error naming it, not "no workflows file"', async () => {
    const server = await startRunsServer([]);
    try {
      const { rm, writeFile } = await import('node:fs/promises');
      await rm(join(server.projectRoot, '.attune'), { recursive: true });
      await writeFile(join(server.projectRoot, '.attune'), 'a file where the .attune folder belongs');
      const body = (await (await server.api('/api/workflows')).json()) as WorkflowsBody;
      expect(body.workflows).toEqual([]);
      expect(body.error).toMatchObject({
        file: join(server.projectRoot, '.attune', 'workflows.yaml'),
        message: expect.stringContaining('cannot read the file (ENOTDIR)'),
      });
    } finally {
      await server.close();
    }
  });

  it('reports every problem of an entry at once, each with its line and field', async () => {
    const result = await parse(
      'workflows:\n  - name: Bad_Name\n    command: []\n    timeoutMinutes: -1\n    colour: red\n    size: 3\n  - name: ok\n    command: [echo]\n',
    );
    expect(result.workflows.map((w) => w.name)).toEqual(['ok']);
    expect(result.problems.map((p) => [p.field, p.line])).toEqual(
      expect.arrayContaining([
        ['name', 2],
        ['command', 3],
        ['timeoutMinutes', 4],
        ['colour', 5],
        ['size', 6],
      ]),
    );
    expect(result.problems).toHaveLength(5);
    expect(result.problems.every((p) => p.message.startsWith('workflow #1: '))).toBe(true);
  });

  it('a YAML syntax error names its line', async () => {
    const result = await parse('workflows:\n  - name: a\n    command: [x\n  - name: b\n');
    expect(result.workflows).toEqual([]);
    expect(result.problems[0]!.message).toContain('YAML syntax error');
    expect(result.problems[0]!.line).toBeGreaterThan(1);
  });

  it('applies defaults and accepts a shell command string only with shell: true', async () => {
    const result = await parse('workflows:\n  - name: sh\n    shell: true\n    command: "echo $HOME | wc -c"\n');
    expect(result.problems).toEqual([]);
    expect(result.workflows[0]).toMatchObject({
      name: 'sh',
      command: ['echo $HOME | wc -c'],
      shell: true,
      cwd: '.',
      timeoutMinutes: 60,
      env: {},
    });
  });
});

it('the home file alone is read when the project has none', async () => {
  const server = await startRunsServer([]);
  try {
    const { rm } = await import('node:fs/promises');
    await rm(join(server.projectRoot, '.attune'), { recursive: true });
    await mkdir(join(server.home, 'ops'), { recursive: true });
    await writeFile(join(server.home, 'ops', 'workflows.yaml'), 'workflows:\n  - name: home-only\n    command: [x]\n');
    const body = (await (await server.api('/api/workflows')).json()) as WorkflowsBody;
    expect(body.workflows.map((w) => [w.name, w.source])).toEqual([['home-only', 'home']]);
  } finally {
    await server.close();
  }
});
