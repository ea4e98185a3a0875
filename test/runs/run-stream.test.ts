/**
 * The run event stream (docs/API.md "Run event stream") against real processes: the wire
 * format, resume from `Last-Event-ID` / `?from=` at several ids (including inside one
 * written batch and deep behind the in-memory window) with no gap and no duplicate, 50
 * concurrent clients on one chatty run, and a stalled reader that neither blocks the run
 * nor makes the server hold more than its bounded window, and a fast viewer of a flood
 * paced while the run goes on (live-pace.ts), then given the rest at full speed.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_BURST_BYTES, LIVE_BYTES_PER_SECOND } from '../../main/server/live-pace.js';
import { PAUSE_ABOVE_BYTES, WINDOW_MAX_BYTES, WINDOW_MAX_LINES } from '../../main/runs/log/run-output.js';
import { removeTempDirs } from '../support/temp.js';
import { TEST_TOKEN } from '../support/test-server.js';
import { node, pollUntil, startRunsServer, type RunsServer } from './run-fixtures.js';
import { openSseClient } from './sse-client.js';

const AUTH = { Authorization: `Bearer ${TEST_TOKEN}` };
let server: RunsServer;

beforeAll(async () => {
  server = await startRunsServer(
    [
      { name: 'short', command: node('emit-lines.mjs', '--count', '3000') },
      { name: 'paced', command: node('emit-lines.mjs', '--count', '300', '--every', '3') },
      { name: 'chatty', command: node('emit-lines.mjs', '--count', '8000', '--width', '80') },
      { name: 'flood', command: node('emit-lines.mjs', '--count', '120000', '--width', '200') },
    ],
    { config: { allowRun: true } },
  );
  await server.services.settings.update({ maxConcurrentRuns: 4 });
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the wire format', () => {
  it('opens with retry 2000 and a status event, numbers lines with id = seq, ends with done and closes', async () => {
    const run = await server.waitForEnd((await server.start('short')).id);
    const client = openSseClient(server.port, `/api/runs/${run.id}/events`, AUTH);
    const response = await client.response;
    expect(response.headers['content-type']).toContain('text/event-stream');
    await client.ended;
    expect(client.retry).toBe(2000);
    expect(client.events[0]!.event).toBe('status');
    expect(JSON.parse(client.events[0]!.data)).toMatchObject({ id: run.id, status: 'succeeded' });
    const lines = client.events.filter((e) => e.event === 'line');
    expect(lines.map((e) => Number(e.id))).toEqual(seqs(1, 3000));
    expect(JSON.parse(lines[41]!.data)).toMatchObject({ seq: 42, stream: 'stdout', text: 'line 42' });
    const last = client.events[client.events.length - 1]!;
    expect(last.event).toBe('done');
    expect(JSON.parse(last.data)).toMatchObject({ status: 'succeeded', exitCode: 0, signal: null });
  });

  it('answers 400 invalid_id for a malformed id and 404 unknown_run for an unknown one', async () => {
    expect((await (await server.api('/api/runs/bad.id/events')).json()) as object).toMatchObject({
      error: { code: 'invalid_id' },
    });
    const unknown = await server.api('/api/runs/20260101T000000000Z-abcdef/events');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_run' } });
  });
});

describe('resume', () => {
  // At or past the last line (3000) a finished run answers 204 (log-access.test.ts).
  it.each([0, 1, 999, 1234, 2047, 2999])(
    'a finished run resumed after Last-Event-ID %i gives exactly the rest',
    async (lastSeen) => {
      const runs = (await (await server.api('/api/runs?workflow=short&status=succeeded&limit=1')).json()) as {
        runs: Array<{ id: string }>;
      };
      const id = runs.runs[0]!.id;
      const client = openSseClient(server.port, `/api/runs/${id}/events`, {
        ...AUTH,
        'Last-Event-ID': String(lastSeen),
      });
      await client.ended;
      expect(client.lines().map((l) => l.seq)).toEqual(seqs(lastSeen + 1, 3000));
      expect(client.events[client.events.length - 1]!.event).toBe('done');
    },
  );

  it('?from= starts at that line', async () => {
    const id = (
      (await (await server.api('/api/runs?workflow=short&limit=1')).json()) as { runs: Array<{ id: string }> }
    ).runs[0]!.id;
    const client = openSseClient(server.port, `/api/runs/${id}/events?from=1500`, AUTH);
    await client.ended;
    expect(client.lines().map((l) => l.seq)).toEqual(seqs(1500, 3000));
  });

  it('a live run: disconnect mid-run, reconnect with Last-Event-ID, and the two parts join with no gap and no duplicate', async () => {
    const run = await server.start('paced');
    const first = openSseClient(server.port, `/api/runs/${run.id}/events`, AUTH);
    await pollUntil(() => first.lines().length >= 40 || undefined, '40 live lines');
    first.close();
    const seen = first.lines().map((l) => l.seq);
    const lastSeen = seen[seen.length - 1]!;
    const second = openSseClient(server.port, `/api/runs/${run.id}/events`, {
      ...AUTH,
      'Last-Event-ID': String(lastSeen),
    });
    await second.ended;
    expect([...seen, ...second.lines().map((l) => l.seq)]).toEqual(seqs(1, 300));
    expect(second.events.some((e) => e.event === 'status')).toBe(true);
  });
});

describe('many and slow readers', () => {
  it('50 concurrent clients on one chatty run each receive every line once, in order', async () => {
    const run = await server.start('chatty');
    const clients = Array.from({ length: 50 }, () => openSseClient(server.port, `/api/runs/${run.id}/events`, AUTH));
    await Promise.all(clients.map((c) => c.ended));
    const expected = seqs(1, 8000);
    for (const client of clients) {
      expect(client.lines().map((l) => l.seq)).toEqual(expected);
      expect(client.events[client.events.length - 1]!.event).toBe('done');
    }
  });

  it('a stalled reader does not block the run nor grow server memory past the window, and later gets everything', async () => {
    const run = await server.start('flood');
    const stalled = openSseClient(server.port, `/api/runs/${run.id}/events`, AUTH);
    await stalled.response;
    stalled.pause();
    let peakWindowLines = 0;
    let peakHeld = 0;
    await pollUntil(
      async () => {
        const stats = server.services.runs.outputStats(run.id);
        if (stats) {
          peakWindowLines = Math.max(peakWindowLines, stats.windowLines);
          peakHeld = Math.max(peakHeld, stats.windowBytes + stats.pendingBytes);
        }
        return stats === undefined || undefined;
      },
      'the flood run to finish while the reader is stalled',
      60_000,
    );
    const finished = await server.waitForEnd(run.id);
    expect(finished).toMatchObject({ status: 'succeeded', lineCount: 120_000 });
    // The reader took only what its socket buffers held while the run went to its end.
    expect(stalled.lines().length).toBeLessThan(120_000);
    const lineChars = 240;
    expect(peakWindowLines).toBeLessThanOrEqual(
      WINDOW_MAX_LINES + Math.ceil((PAUSE_ABOVE_BYTES + 256 * 1024) / lineChars),
    );
    // The window (records and their events) plus what the writer may have pending, plus one block: not the log.
    expect(peakHeld).toBeLessThanOrEqual(WINDOW_MAX_BYTES + PAUSE_ABOVE_BYTES + 512 * 1024);
    expect(peakHeld).toBeLessThan((120_000 * lineChars) / 2);

    stalled.resume();
    await stalled.ended;
    expect(stalled.lines().map((l) => l.seq)).toEqual(seqs(1, 120_000));
  }, 60_000);

  it('a stalled viewer does not change how long a run takes (loosely: the bench measures it)', async () => {
    const alone = await server.waitForEnd((await server.start('flood')).id);
    const run = await server.start('flood');
    const stalled = openSseClient(server.port, `/api/runs/${run.id}/events`, AUTH);
    await stalled.response;
    stalled.pause();
    const watched = await server.waitForEnd(run.id);
    expect(watched.lineCount).toBe(120_000);
    // Under the old pacing a stalled socket could hold the producer; now nothing waits for it.
    expect(watched.durationMs!).toBeLessThan(alone.durationMs! * 3 + 3000);
    stalled.close();
  }, 60_000);

  it('a fast viewer of a flood is paced while the run goes on, then gets every line once it ended', async () => {
    const run = await server.start('flood');
    // Bytes received by wall-clock time: the server paces while the run's status is
    // running, which it leaves only after its finishedAt is taken, so what arrived up to
    // finishedAt was all sent paced (the time the test saw the end came later, at full speed).
    const arrivals: Array<{ at: number; total: number }> = [];
    let bytes = 0;
    const marker = 'event: line\n';
    let lines = 0;
    let carry = '';
    const requestedAt = Date.now(); // the pacing starts after this, when the server has the request
    const ended = new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/runs/${run.id}/events`, headers: AUTH },
        (res) => {
          res.setEncoding('latin1');
          res.on('data', (chunk: string) => {
            bytes += chunk.length;
            arrivals.push({ at: Date.now(), total: bytes });
            const text = carry + chunk;
            for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) lines++;
            carry = text.slice(-(marker.length - 1));
          });
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end();
    });
    const finished = await server.waitForEnd(run.id);
    expect(finished.lineCount).toBe(120_000);
    const endedAt = Date.parse(finished.finishedAt!);
    const livePeriod = (endedAt - requestedAt) / 1000;
    const bytesWhileRunning = arrivals.filter((one) => one.at < endedAt).at(-1)?.total ?? 0;
    // The run's 120,000 events are about 32 MB; while it ran the viewer got at most the burst,
    // the rate over the time it watched, and one page beyond (a page is 512 KB of records).
    expect(bytesWhileRunning).toBeLessThanOrEqual(LIVE_BURST_BYTES + LIVE_BYTES_PER_SECOND * livePeriod + 1024 * 1024);
    await ended;
    expect(lines).toBe(120_000);
  }, 60_000);
});
