/**
 * The `attune-ops` dispatcher reaches the key and costs commands as a real process, and
 * never prints the key itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/built.js';
import { runCliProcess } from '../support/cli-process.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

beforeAll(requireBuild);
afterAll(removeTempDirs);

const KEY = 'sk-ant-admin01-DispatchTestKey0123456789abcdefWXYZ';

describe('attune-ops key / costs', () => {
  it('reports a key from the environment by source and last four only', async () => {
    const home = await tempDir();
    const cli = runCliProcess(['key', 'status'], { ATTUNE_HOME: home, ANTHROPIC_ADMIN_API_KEY: KEY });
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout()).toMatch(/configured from ANTHROPIC_ADMIN_API_KEY|environment/);
    expect(cli.stdout()).toContain('WXYZ');
    expect(cli.stdout() + cli.stderr()).not.toContain(KEY);
  });

  it('fails costs with a categorized error and a non-zero exit when the Admin API is unreachable', async () => {
    const home = await tempDir();
    const cli = runCliProcess(['costs', '--json'], {
      ATTUNE_HOME: home,
      ANTHROPIC_ADMIN_API_KEY: KEY,
      ATTUNE_ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    });
    expect((await cli.exited).code).not.toBe(0);
    expect(cli.stdout() + cli.stderr()).toMatch(/network/);
    expect(cli.stdout() + cli.stderr()).not.toContain(KEY);
  });
});
