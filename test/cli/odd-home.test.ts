/**
 * Odd things in the attune home, as a real process: a home, `ops` or `ops/logs` that is a
 * file ends every command with one line and exit 1 (no stack trace); a named pipe or a
 * folder where `ops/config.json` should be is skipped with a warning naming it and never
 * blocks start-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/built.js';
import { runCliProcess } from '../support/cli-process.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

beforeAll(requireBuild);
afterAll(removeTempDirs);

const COMMANDS = [
  ['serve', '--port', '0', '--no-browser'],
  ['key', 'status'],
  ['costs', '--json'],
];

describe('a home folder that is a file', () => {
  it.each([
    ['the home', (home: string) => home, /the attune home .* is a file, not a folder/],
    ['ops', (home: string) => join(home, 'ops'), /\/ops in the attune home is a file, not a folder/],
    ['ops/logs', (home: string) => join(home, 'ops', 'logs'), /\/ops\/logs in the attune home is a file/],
  ])('%s as a file: one line and exit 1 for every command', async (_name, fileAt, message) => {
    const base = await tempDir('attune-odd-home-');
    const home = join(base, 'home');
    const file = fileAt(home);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, 'not a folder');
    for (const args of COMMANDS) {
      const cli = runCliProcess(args, { ATTUNE_HOME: home, ANTHROPIC_ADMIN_API_KEY: '' });
      expect((await cli.exited).code, args.join(' ')).toBe(1);
      const lines = cli.stderr().trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^attune-ops ${args[0]}: `));
      expect(lines[0]).toMatch(message);
      expect(cli.stderr()).not.toMatch(/\n\s+at /);
    }
  });
});

describe('something other than a file as ops/config.json', () => {
  it.each([
    ['a named pipe', (path: string) => execFileSync('mkfifo', [path]), /is a named pipe \(FIFO\), not a file/],
    ['a folder', (path: string) => mkdir(path), /is a folder, not a file/],
  ])('%s is skipped with a warning naming it, and the server starts', async (_name, make, warning) => {
    const home = await tempDir('attune-odd-config-');
    await mkdir(join(home, 'ops'), { recursive: true });
    const path = join(home, 'ops', 'config.json');
    await make(path);
    const project = await tempDir('attune-odd-project-');
    const cli = runCliProcess(['serve', '--port', '0', '--no-browser', '--project-root', project], {
      ATTUNE_HOME: home,
    });
    await cli.waitForOutput(/Attune Ops console: http/);
    expect(cli.stderr()).toContain(path);
    expect(cli.stderr()).toMatch(warning);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });
});
