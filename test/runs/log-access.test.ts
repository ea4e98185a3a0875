/**
 * Random access to run logs over real HTTP against real runs: `/log?from=` and `?tail=`
 * at the first, a middle and the last line and past the end (with `total`), the index
 * beside the log (written 0600 with the log, rebuilt when deleted or cut short), server
 * search (plain, case, regex, paging, invalid patterns) on finished and live runs,
 * first-error, 204 for a reconnect past the end, key shapes scrubbed from what a workflow
 * prints, and a directory where a log should be answering 409 `invalid_file`.
 */
import { mkdir, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparseIndex } from '../../main/runs/log/log-index.js';
import type { LogLine } from '../../main/runs/run-types.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { TEST_TOKEN } from '../support/test-server.js';
import { NODE, node, pollUntil, startRunsServer, type RunsServer } from './run-fixtures.js';
import { openSseClient } from './sse-client.js';

const AUTH = { Authorization: `Bearer ${TEST_TOKEN}` };
const COUNT = 5000;
const WIDTH = 100;
const text = (i: number) => `line ${i}`.padEnd(WIDTH, '.');
const KEY = 'sk-ant-admin01-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
let server: RunsServer;
let home: string;
let finishedId: string;

interface Page {
  lines: LogLine[];
  nextFrom: number;
  done: boolean;
  total: number;
  skipped: number;
}

const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const response = await server.api(path);
  return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
};
const logPath = (workflow: string, id: string) => join(home, 'ops', 'runs', workflow, `${id}.log`);

beforeAll(async () => {
  home = await tempDir('attune-home-');
  server = await startRunsServer(
    [
      { name: 'big', command: node('emit-lines.mjs', '--count', String(COUNT), '--width', String(WIDTH)) },
      { name: 'slow', command: node('emit-lines.mjs', '--count', '400', '--every', '15') },
      {
        name: 'errs',
        command: [
          NODE,
          '-e',
          "console.log('compiled with 0 errors'); console.log('error-free build'); console.log('src/a.ts:3:5: error TS2304: x'); console.log('ERROR later')",
        ],
      },
      {
        name: 'leak',
        // The key is put together at run time, so the command itself (shown in the run record) does not hold it.
        command: [
          NODE,
          '-e',
          `const k = ['sk', 'ant', '${KEY.slice(7)}'].join('-'); console.log('key=' + k + ' end'); console.error(k)`,
        ],
      },
    ],
    { home },
  );
  await server.services.settings.update({ maxConcurrentRuns: 4 });
  finishedId = (await server.start('big')).id;
  expect(await server.waitForEnd(finishedId)).toMatchObject({ status: 'succeeded', lineCount: COUNT });
  await pollUntil(
    () => server.services.runs.outputStats(finishedId) === undefined || undefined,
    'the run to leave memory',
  );
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('from and tail', () => {
  it.each([
    ['the first line', 'from=1&limit=3', [1, 2, 3]],
    ['a middle line', 'from=2500&limit=3', [2500, 2501, 2502]],
    ['the last line', `from=${COUNT}&limit=3`, [COUNT]],
    ['past the end', `from=${COUNT + 10}`, []],
    ['the tail', 'tail=3', [COUNT - 2, COUNT - 1, COUNT]],
    ['a tail longer than the log', `tail=10000`, null],
  ])('%s', async (_what, query, seqs) => {
    const { status, body } = await get<Page>(`/api/runs/${finishedId}/log?${query}`);
    expect(status).toBe(200);
    expect(body.total).toBe(COUNT);
    if (seqs === null) {
      expect(body.lines).toHaveLength(COUNT);
      return;
    }
    expect(body.lines.map((l) => l.seq)).toEqual(seqs);
    for (const line of body.lines) expect(line.text).toBe(text(line.seq));
  });

  it('refuses from and tail together', async () => {
    const { status, body } = await get<{ error: { code: string } }>(`/api/runs/${finishedId}/log?from=1&tail=2`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
  });
});

describe('the index beside the log', () => {
  /** The index file holds at least one entry per 1000 lines, each naming the line at its offset. */
  async function expectIndexNamesLines(idxFile: string): Promise<void> {
    const log = await readFile(logPath('big', finishedId));
    const index = SparseIndex.decode(await readFile(idxFile));
    expect(index.length).toBeGreaterThanOrEqual(COUNT / 1000 - 1);
    expect((await stat(idxFile)).size).toBe(index.length * 16);
    for (let i = 0; i < index.length; i++) {
      const { seq, offset } = index.at(i);
      expect(log.toString('utf8', offset, offset + 20)).toContain(`{"seq":${seq},`);
    }
  }

  it('is written with the log (0600), each entry naming the line at its offset', async () => {
    const idxFile = `${logPath('big', finishedId)}.idx`;
    await expectIndexNamesLines(idxFile);
    expect((await stat(idxFile)).mode & 0o777).toBe(0o600);
    expect((await stat(logPath('big', finishedId))).mode & 0o777).toBe(0o600);
  });

  it('is rebuilt when deleted and when cut short, and pages stay right', async () => {
    const idxFile = `${logPath('big', finishedId)}.idx`;
    await rm(idxFile);
    const afterDelete = await get<Page>(`/api/runs/${finishedId}/log?from=4321&limit=2`);
    expect(afterDelete.body.lines.map((l) => l.text)).toEqual([text(4321), text(4322)]);
    await expectIndexNamesLines(idxFile);
    const rebuilt = await readFile(idxFile);
    await truncate(idxFile, rebuilt.length - 20);
    const afterCut = await get<Page>(`/api/runs/${finishedId}/log?tail=1`);
    expect(afterCut.body.lines.map((l) => l.seq)).toEqual([COUNT]);
    expect((await readFile(idxFile)).equals(rebuilt)).toBe(true);
  });
});

interface Search {
  total: number;
  matches: Array<{ seq: number; text: string }>;
  nextFrom: number | null;
  truncated: boolean;
}

describe('search', () => {
  const expected = (has: (t: string) => boolean) =>
    Array.from({ length: COUNT }, (_, i) => i + 1).filter((seq) => has(text(seq)));

  it('finds every match of plain text, case-insensitive by default, in pages', async () => {
    const all = expected((t) => t.includes('line 42'));
    const { body } = await get<Search>(`/api/runs/${finishedId}/log/search?q=LINE%2042&limit=5`);
    expect(body.total).toBe(all.length);
    expect(body.matches.map((m) => m.seq)).toEqual(all.slice(0, 5));
    expect(body.matches[0]!.text).toBe(text(42));
    expect(body.nextFrom).toBe(all[5]);
    expect(body.truncated).toBe(false);
    const next = await get<Search>(`/api/runs/${finishedId}/log/search?q=line%2042&limit=1000&from=${body.nextFrom}`);
    expect(next.body.matches.map((m) => m.seq)).toEqual(all.slice(5));
    expect(next.body.nextFrom).toBeNull();
    const sensitive = await get<Search>(`/api/runs/${finishedId}/log/search?q=LINE%2042&case=1`);
    expect(sensitive.body.total).toBe(0);
  });

  it('runs regular expressions on a linear-time engine and refuses invalid or unsupported ones', async () => {
    const { body } = await get<Search>(
      `/api/runs/${finishedId}/log/search?regex=1&q=${encodeURIComponent('^line 4\\d\\.')}`,
    );
    expect(body.matches.map((m) => m.seq)).toEqual(expected((t) => /^line 4\d\./.test(t)));
    const runaway = await get<Search>(
      `/api/runs/${finishedId}/log/search?regex=1&q=${encodeURIComponent('(\\.+)+x$')}`,
    );
    expect(runaway.status).toBe(200);
    expect(runaway.body.total).toBe(0);
    for (const bad of ['(', '(a)\\1', '(?<=a)b']) {
      const refused = await get<{ error: { code: string } }>(
        `/api/runs/${finishedId}/log/search?regex=1&q=${encodeURIComponent(bad)}`,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_query');
    }
  });

  it('works on a live run, over the lines on disk so far', async () => {
    const { id } = await server.start('slow');
    await server.waitFor(id, (r) => r.lineCount >= 0, 'start');
    let body: Search | undefined;
    for (let i = 0; i < 200 && !(body && body.total >= 5); i++) {
      body = (await get<Search>(`/api/runs/${id}/log/search?q=line%201`)).body;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await server.run(id)).status).toBe('running');
    expect(body!.total).toBeGreaterThanOrEqual(5);
    for (const match of body!.matches) expect(match.text).toContain('line 1');
    const seqs = body!.matches.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    server.services.runs.cancel(id);
    await server.waitForEnd(id);
  });
});

describe('first error, reconnecting, scrubbing, odd files', () => {
  it('first-error skips "0 errors" and "error-free" and finds the file:line:col: error line', async () => {
    const { id } = await server.start('errs');
    await server.waitForEnd(id);
    const { body } = await get<{ match: { seq: number; text: string; rule: string } | null }>(
      `/api/runs/${id}/log/first-error`,
    );
    expect(body.match).toEqual({ seq: 3, text: 'src/a.ts:3:5: error TS2304: x', rule: 'location' });
    const none = await get<{ match: unknown }>(`/api/runs/${finishedId}/log/first-error`);
    expect(none.body.match).toBeNull();
  });

  it('answers 204 to a client reconnecting to a finished run at or past its last line', async () => {
    for (const headers of [{ 'Last-Event-ID': String(COUNT) }, { 'Last-Event-ID': String(COUNT + 5) }]) {
      const client = openSseClient(server.port, `/api/runs/${finishedId}/events`, { ...AUTH, ...headers });
      expect((await client.response).statusCode).toBe(204);
    }
    expect((await server.api(`/api/runs/${finishedId}/events?from=${COUNT + 1}`)).status).toBe(204);
    const last = openSseClient(server.port, `/api/runs/${finishedId}/events`, {
      ...AUTH,
      'Last-Event-ID': String(COUNT - 1),
    });
    expect((await last.response).statusCode).toBe(200);
    await last.ended;
    expect(last.lines().map((l) => l.seq)).toEqual([COUNT]);
    expect(last.events[last.events.length - 1]!.event).toBe('done');
  });

  it('scrubs key shapes a workflow prints from the log file, /log, /log.txt and the event stream', async () => {
    const { id } = await server.start('leak');
    await server.waitForEnd(id);
    const file = await readFile(logPath('leak', id), 'utf8');
    const page = await (await server.api(`/api/runs/${id}/log`)).text();
    const txt = await (await server.api(`/api/runs/${id}/log.txt`)).text();
    const client = openSseClient(server.port, `/api/runs/${id}/events`, AUTH);
    await client.ended;
    const sse = client.events.map((e) => e.data).join('\n');
    for (const seen of [file, page, txt, sse]) {
      expect(seen).toContain('[REDACTED]');
      expect(seen).not.toContain('sk-ant-admin01');
    }
  });

  it('a directory where the log should be is a 409 invalid_file on every log route', async () => {
    const { id } = await server.start('errs');
    await server.waitForEnd(id);
    await pollUntil(() => server.services.runs.outputStats(id) === undefined || undefined, 'the run to leave memory');
    await rm(logPath('errs', id));
    await rm(`${logPath('errs', id)}.idx`, { force: true });
    await mkdir(logPath('errs', id));
    for (const path of ['log', 'log?tail=5', 'log.txt', 'events', 'log/search?q=x', 'log/first-error']) {
      const response = await server.api(`/api/runs/${id}/${path}`);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect([path, response.status, body.error.code]).toEqual([path, 409, 'invalid_file']);
      expect(body.error.message).toContain('is a folder');
    }
  });
});
