/**
 * The YAML-error warning of features.yaml is one complete sentence: the file, the line and
 * column, what is wrong, and the offending line quoted — never the yaml library's message
 * cut off at its trailing "at line N, column M:". Every problem of an entry is listed at
 * once; a FIFO or folder where the file should be is reported without blocking.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeaturesText, readFeaturesFile } from '../../main/scopes/features-file.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const FILE = '/p/.help/features.yaml';
const warningOf = async (text: string) => {
  const read = await parseFeaturesText(text, FILE);
  return read.kind === 'invalid' ? read.warning : `not invalid: ${read.kind}`;
};

describe('features.yaml YAML errors', () => {
  it('names the line and quotes it', async () => {
    expect(await warningOf('version: 1\nfeatures:\n  api: {}\n  api: {}\n')).toBe(
      `${FILE} is not valid YAML at line 4, column 3: Map keys must be unique. Line 4 reads: "  api: {}".`,
    );
    expect(await warningOf('features:\n\tapi: {}\n')).toBe(
      `${FILE} is not valid YAML at line 2, column 1: Tabs are not allowed as indentation. Line 2 reads: "\\tapi: {}".`,
    );
  });

  it('quotes the last line with text when the error is at the end of the file', async () => {
    expect(await warningOf('features:\n  api:\n    description: "open\n')).toBe(
      `${FILE} is not valid YAML at line 4, column 1: Missing closing "quote. Line 4 is the end of the file; the line with text before it, line 3, reads: "    description: \\"open".`,
    );
  });

  it("never ends with the library's dangling location or code excerpt", async () => {
    for (const text of ['features:\n  api: [\n', 'features:\n- a\n b: c\n', 'a: b\n  c: d\n']) {
      const warning = await warningOf(text);
      expect(warning).toMatch(/\.$/);
      expect(warning).not.toMatch(/column \d+:$|\n/);
    }
  });
});

describe('features.yaml entries', () => {
  it('reports every problem of an entry at once and still loads it', async () => {
    const read = await parseFeaturesText(
      'version: 1\nfeatures:\n  api:\n    description: 3\n    files: [src/api/**, 7]\n    tags: backend-only\n    colour: red\n    size: 2\n',
      FILE,
    );
    expect(read.kind).toBe('ok');
    if (read.kind !== 'ok') return;
    expect(read.features.map((f) => [f.name, f.path])).toEqual([['api', 'src/api']]);
    expect(read.problems).toEqual([
      'Feature "api": unknown field "colour"; unknown field "size"; "description" must be text; "files" item 2 must be text.',
    ]);
  });
});

describe('readFeaturesFile on odd files', () => {
  it('reports a FIFO or a folder where the file should be, at once', async () => {
    const dir = await tempDir();
    const fifo = join(dir, 'features.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await readFeaturesFile(fifo)).toEqual({
      kind: 'invalid',
      warning: `${fifo} is a named pipe (FIFO), not a file; it was skipped.`,
    });
    expect(await readFeaturesFile(dir)).toMatchObject({
      kind: 'invalid',
      warning: expect.stringContaining('a folder'),
    });
  });
});
