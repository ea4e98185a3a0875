/**
 * A run whose log cannot be written must not stream lines that the history will not
 * have. Decision (see log-writer.ts, run-outcome.ts): the run is stopped and recorded
 * `failed`, with a reason naming the error; viewers are never shown an unwritten line.
 * Here the disk refuses for real: a folder stands where the run's log goes (put there as
 * the run is spawned, after its first record was written), so the log cannot be opened.
 * (A run whose record cannot be written is not started at all: full-disk.test.ts.)
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpawnFn } from '../../main/runs/process/run-process.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { TEST_TOKEN } from '../support/test-server.js';
import { node, processAlive, startRunsServer } from './run-fixtures.js';

afterAll(removeTempDirs);

describe('a run log that cannot be written', () => {
  it('stops the run and fails it with the reason; a watcher is told the log is unreadable and is shown no line', async () => {
    const home = await tempDir('attune-home-');
    const runSpawn: SpawnFn = (command, args, options) => {
      const id = (options.env as Record<string, string>).ATTUNE_RUN_ID!;
      mkdirSync(join(home, 'ops', 'runs', 'talker', `${id}.log`), { recursive: true });
      return spawn(command, args, options);
    };
    // Would print for 100 s if nobody stopped it.
    const server = await startRunsServer(
      [{ name: 'talker', command: node('emit-lines.mjs', '--count', '10000', '--every', '10') }],
      { home, deps: { runSpawn } },
    );
    try {
      const started = await server.start('talker');
      const run = await server.waitForEnd(started.id);
      expect(run).toMatchObject({ status: 'failed', lineCount: 0 });
      expect(run.reason).toMatch(
        /^The run log could not be written \((EISDIR|ENOTDIR|EEXIST)\b.*so the run was stopped and failed.*first 0 line/,
      );
      // A folder where the log belongs: a watcher is told so (409 invalid_file), never shown a line.
      const events = await fetch(`http://127.0.0.1:${server.port}/api/runs/${started.id}/events`, {
        headers: { Authorization: `Bearer ${TEST_TOKEN}` },
      });
      expect(events.status).toBe(409);
      expect(((await events.json()) as { error: { code: string } }).error.code).toBe('invalid_file');
      const pid = server.services.runs.get(started.id)?.pid;
      expect(pid).toBeGreaterThan(0);
      expect(processAlive(pid!)).toBe(false);
      expect(server.logs.text()).toContain('writing the run log failed; stopping the run');
    } finally {
      await server.close();
    }
  });
});
