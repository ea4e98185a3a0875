/**
 * A run log with torn lines (a write cut short, a disk error, a hand edit) is served over
 * real HTTP without a 500 and without invalid JSON: each line that cannot be read is a
 * placeholder `system` line "[line N could not be read]" at its seq, so seqs stay
 * gap-free; `/log` answers how many corrupt lines it met (`skipped`), `/log.txt` shows the
 * placeholder as a runner line, and the event stream (also when resuming across the torn
 * line) carries only valid JSON plus a `warning` event.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../main/runs/run-types.js';
import { TEST_TOKEN } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { node, pollUntil, startRunsServer, type RunsServer } from './run-fixtures.js';
import { openSseClient } from './sse-client.js';

afterAll(removeTempDirs);

const TORN = (n: number) => `[line ${n} could not be read]`;

/** Runs a workflow printing `count` lines to its end, then lets `damage` rewrite its log lines. */
async function finishedRunWithLog(
  count: number,
  damage: (lines: string[]) => string,
): Promise<{ server: RunsServer; id: string }> {
  const home = await tempDir('attune-home-');
  const server = await startRunsServer([{ name: 'six', command: node('emit-lines.mjs', '--count', String(count)) }], {
    home,
  });
  const { id } = await server.start('six');
  expect(await server.waitForEnd(id)).toMatchObject({ status: 'succeeded', lineCount: count });
  // The record says it ended a moment before the run leaves memory; damage the file only after, so reads come from it.
  await pollUntil(
    () => (server.services.runs.outputStats(id) === undefined ? true : undefined),
    'the run to leave memory',
  );
  const logPath = join(home, 'ops', 'runs', 'six', `${id}.log`);
  const lines = (await readFile(logPath, 'utf8')).split('\n').slice(0, -1);
  expect(lines).toHaveLength(count);
  await writeFile(logPath, damage(lines));
  return { server, id };
}

/** Every SSE event of a stream, with its data checked to be JSON (the test fails on the first one that is not). */
async function streamEvents(server: RunsServer, id: string, headers: Record<string, string> = {}) {
  const client = openSseClient(server.port, `/api/runs/${id}/events`, {
    Authorization: `Bearer ${TEST_TOKEN}`,
    ...headers,
  });
  expect((await client.response).statusCode).toBe(200);
  await client.ended;
  return client.events.map((event) => ({
    id: event.id,
    event: event.event,
    data: JSON.parse(event.data) as Record<string, unknown>,
  }));
}

describe('a torn line in the middle of a run log', () => {
  it('is a placeholder at its seq in /log (with skipped), /log.txt and /events, also when resuming across it', async () => {
    const tear = (line: string) => line.slice(0, line.lastIndexOf('"')) + '}';
    const { server, id } = await finishedRunWithLog(
      6,
      (lines) => `${lines.map((line, i) => (i === 2 ? tear(line) : line)).join('\n')}\n`,
    );
    try {
      const log = await server.api(`/api/runs/${id}/log`);
      expect(log.status).toBe(200);
      const page = (await log.json()) as { lines: LogLine[]; nextFrom: number; skipped: number; warning?: string };
      expect(page.lines.map((l) => [l.seq, l.stream, l.text])).toEqual([
        [1, 'stdout', 'line 1'],
        [2, 'stdout', 'line 2'],
        [3, 'system', TORN(3)],
        [4, 'stdout', 'line 4'],
        [5, 'stdout', 'line 5'],
        [6, 'stdout', 'line 6'],
      ]);
      expect(page).toMatchObject({ nextFrom: 7, skipped: 1 });
      expect(page.warning).toContain("1 line of this run's log file could not be read");
      const clean = (await (await server.api(`/api/runs/${id}/log?from=4`)).json()) as {
        lines: LogLine[];
        skipped: number;
        warning?: string;
      };
      expect([clean.lines.map((l) => l.seq), clean.skipped, clean.warning]).toEqual([[4, 5, 6], 0, undefined]);

      const text = await server.api(`/api/runs/${id}/log.txt`);
      expect(text.status).toBe(200);
      expect(await text.text()).toBe(`line 1\nline 2\n[runner] ${TORN(3)}\nline 4\nline 5\nline 6\n`);

      const whole = await streamEvents(server, id);
      expect(whole.map((e) => e.event)).toEqual([
        'status',
        'line',
        'line',
        'line',
        'line',
        'line',
        'line',
        'warning',
        'done',
      ]);
      expect(whole.filter((e) => e.event === 'line').map((e) => [e.id, e.data.seq, e.data.text])).toEqual([
        ['1', 1, 'line 1'],
        ['2', 2, 'line 2'],
        ['3', 3, TORN(3)],
        ['4', 4, 'line 4'],
        ['5', 5, 'line 5'],
        ['6', 6, 'line 6'],
      ]);
      expect(whole.find((e) => e.event === 'warning')).toMatchObject({
        id: undefined,
        data: { kind: 'unreadable_lines', skipped: 1 },
      });

      const resumedBefore = await streamEvents(server, id, { 'Last-Event-ID': '2' });
      expect(resumedBefore.filter((e) => e.event === 'line').map((e) => [e.data.seq, e.data.stream])).toEqual([
        [3, 'system'],
        [4, 'stdout'],
        [5, 'stdout'],
        [6, 'stdout'],
      ]);
      const resumedAfter = await streamEvents(server, id, { 'Last-Event-ID': '3' });
      expect(resumedAfter.map((e) => e.event)).toEqual(['status', 'line', 'line', 'line', 'done']);
      expect(resumedAfter.filter((e) => e.event === 'line').map((e) => e.data.seq)).toEqual([4, 5, 6]);
    } finally {
      await server.close();
    }
  });

  it('keeps seqs gap-free around an unreadable line, a torn line glued to the next one, and a torn last line', async () => {
    const { server, id } = await finishedRunWithLog(6, (lines) =>
      [
        'garbage that is not a log line',
        lines[1]!,
        lines[2]!.slice(0, 20) + lines[3]!,
        lines[4]!,
        lines[5]!.slice(0, -2),
        '',
      ].join('\n'),
    );
    try {
      const page = (await (await server.api(`/api/runs/${id}/log`)).json()) as { lines: LogLine[]; skipped: number };
      expect(page.lines.map((l) => [l.seq, l.text])).toEqual([
        [1, TORN(1)],
        [2, 'line 2'],
        [3, TORN(3)],
        [4, 'line 4'],
        [5, 'line 5'],
        [6, TORN(6)],
      ]);
      expect(page.skipped).toBe(3);
      const events = await streamEvents(server, id, { 'Last-Event-ID': '1' });
      expect(events.filter((e) => e.event === 'line').map((e) => [e.data.seq, e.data.text])).toEqual([
        [2, 'line 2'],
        [3, TORN(3)],
        [4, 'line 4'],
        [5, 'line 5'],
        [6, TORN(6)],
      ]);
      expect(await (await server.api(`/api/runs/${id}/log.txt`)).text()).toBe(
        `[runner] ${TORN(1)}\nline 2\n[runner] ${TORN(3)}\nline 4\nline 5\n[runner] ${TORN(6)}\n`,
      );
    } finally {
      await server.close();
    }
  });
});
