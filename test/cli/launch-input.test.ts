/**
 * Bad launch input, as a real process: a missing or non-folder project root, an invalid
 * PORT, `--port -1`, and an unknown option each end with exit 2 and exactly one line on
 * stderr, `attune-ops <command>: …`, in the same wording for serve, key and costs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/built.js';
import { runCliProcess } from '../support/cli-process.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

beforeAll(requireBuild);
afterAll(removeTempDirs);

async function refused(args: string[], env: Record<string, string> = {}): Promise<string> {
  const home = await tempDir('attune-input-home-');
  const cli = runCliProcess(args, { ATTUNE_HOME: home, PORT: '', ...env });
  const { code } = await cli.exited;
  const lines = cli.stderr().trim().split('\n');
  expect({ code, lines: lines.length }, `${args.join(' ')}\n${cli.stderr()}`).toEqual({ code: 2, lines: 1 });
  expect(cli.stdout()).toBe('');
  return lines[0]!;
}

describe('launch input', () => {
  it.each([
    [
      ['serve', '--project-root', '/nonexistent/attune-project'],
      /^attune-ops serve: the project root \/nonexistent\/attune-project does not exist$/,
    ],
    [
      ['serve', '--project-root', '/etc/passwd'],
      /^attune-ops serve: the project root \/etc\/passwd is a file, not a folder$/,
    ],
    [['serve', '--port', '-1'], /^attune-ops serve: --port must be a whole number from 0 to 65535 \(got '-1'\)$/],
    [['serve', '--port', '70000'], /^attune-ops serve: --port must be a whole number from 0 to 65535 \(got '70000'\)$/],
    [['serve', '--port'], /^attune-ops serve: --port needs a value/],
  ])('%j ends with exit 2 and one line', async (args, message) => {
    expect(await refused([...args, '--no-browser'])).toMatch(message);
  });

  it('refuses an invalid PORT from the environment', async () => {
    expect(await refused(['serve', '--no-browser'], { PORT: 'abc' })).toBe(
      "attune-ops serve: PORT must be a whole number from 0 to 65535 (got 'abc')",
    );
  });

  it.each([
    [['serve', '--bogus'], 'serve'],
    [['key', 'status', '--bogus'], 'key'],
    [['costs', '--bogus'], 'costs'],
  ])('says the same of an unknown option for every command: %j', async (args, command) => {
    expect(await refused(args)).toBe(
      `attune-ops ${command}: unknown option '--bogus' (attune-ops ${command} --help lists the options)`,
    );
  });

  it('says so of an unknown command', async () => {
    expect(await refused(['frobnicate'])).toBe(
      'attune-ops frobnicate: unknown command (attune-ops --help lists the commands)',
    );
  });
});
