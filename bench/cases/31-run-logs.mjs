/**
 * Run logs at size (issue 14 figures), against `attune-ops serve`:
 *   - finished 1M- and 10M-line runs, written directly in the record format (no index:
 *     the server builds it on first use, timed separately): SSE resume at the last line,
 *     request → first byte (goal < 100 ms); /log?tail=200 and a random /log?from= page;
 *     search for a word occurring 1,000 times, all matches (goal < 1 s at 1M, ≤ 2× at 10M);
 *   - a 1M-line flood: run wall time with one live SSE viewer ÷ without (goal ≤ 1.2), the
 *     server's RSS growth while the watched flood runs (goal < 100 MB) and its CPU, then the
 *     viewer's catch-up from the file once the run ended (the live stream is paced,
 *     main/server/live-pace.ts).
 * BENCH_LOG_LINES=1000000,10000000 sets the sizes (the 10M log is about 750 MB on disk: both stay under the default 1 GB retention cap).
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export const title = 'run logs: resume, tail, search at 1M/10M lines; a watched flood';

const SIZES = (process.env.BENCH_LOG_LINES ?? '1000000,10000000').split(',').map(Number);
const FLOOD = 1_000_000;

export default async function run(h) {
  const rows = [];
  const home = h.tmpDir('attune-bench-home-');
  const project = h.tmpDir('attune-bench-project-');
  const runs = [];
  for (const lines of SIZES) runs.push({ lines, id: await writeFinishedRun(home, lines) });
  mkdirSync(join(project, '.attune'), { recursive: true });
  const emit = join(h.root, 'test', 'fixtures', 'scripts', 'emit-lines.mjs');
  writeFileSync(
    join(project, '.attune', 'workflows.yaml'),
    `workflows:\n  - name: flood\n    command: ${JSON.stringify([process.execPath, emit, '--count', String(FLOOD), '--width', '60'])}\n`,
  );
  const server = await h.spawnServer({ args: ['--project-root', project, '--allow-run'], env: { ATTUNE_HOME: home } });
  const timed = async (f) => {
    const start = performance.now();
    const value = await f();
    return { ms: performance.now() - start, value };
  };

  const searchMs = {};
  for (const { lines, id } of runs) {
    const label = `${lines / 1e6}M`;
    const index = await timed(() => getJson(server, `/api/runs/${id}/log?from=${lines}&limit=1`));
    rows.push({ metric: `${label}: first page at the end, index built from the log`, value: index.ms, unit: 'ms' });
    const resume = await timed(() =>
      firstByte(server, `/api/runs/${id}/events`, { 'Last-Event-ID': String(lines - 1) }),
    );
    rows.push({
      metric: `${label}: SSE resume at the last line, request → first byte`,
      value: resume.ms,
      unit: 'ms',
      goal: '< 100',
      pass: resume.ms < 100,
    });
    const tail = await timed(() => getJson(server, `/api/runs/${id}/log?tail=200`));
    rows.push({ metric: `${label}: /log?tail=200 (${tail.value.lines.length} lines)`, value: tail.ms, unit: 'ms' });
    const from = 1 + Math.floor(lines * 0.37);
    const page = await timed(() => getJson(server, `/api/runs/${id}/log?from=${from}&limit=200`));
    rows.push({ metric: `${label}: /log?from=${from}&limit=200`, value: page.ms, unit: 'ms' });
    const search = await timed(() => getJson(server, `/api/runs/${id}/log/search?q=needle&limit=1000`));
    searchMs[lines] = search.ms;
    rows.push({
      metric: `${label}: search, a word in 1,000 lines (total ${search.value.total}, truncated ${search.value.truncated})`,
      value: search.ms,
      unit: 'ms',
      goal: lines === SIZES[0] ? '< 1000' : '≤ 2× the first size',
      pass: lines === SIZES[0] ? search.ms < 1000 : search.ms <= 2 * searchMs[SIZES[0]],
      ...(lines !== SIZES[0] && { baseline: searchMs[SIZES[0]], ratio: search.ms / searchMs[SIZES[0]] }),
    });
  }

  const statusMb = (field) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) /
    1024;
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  };
  const cpuAlone = cpuSeconds();
  const alone = await timed(async () => waitForEnd(server, (await startRun(server)).id));
  const cpuAfterAlone = cpuSeconds();
  const rssBefore = statusMb('VmRSS');
  let rssPeak = rssBefore;
  let rssPeakCatchUp = rssBefore;
  let runEnded = false;
  let cpuAtRunEnd;
  const sampler = setInterval(() => {
    const rss = statusMb('VmRSS');
    if (runEnded) rssPeakCatchUp = Math.max(rssPeakCatchUp, rss);
    else rssPeak = Math.max(rssPeak, rss);
  }, 20);
  const watched = await timed(async () => {
    const { id } = await startRun(server);
    const viewer = firstByte(server, `/api/runs/${id}/events`, {}, true);
    const end = await waitForEnd(server, id);
    runEnded = true;
    cpuAtRunEnd = cpuSeconds();
    const catchUp = await timed(() => viewer);
    return { end, received: catchUp.value, catchUpMs: catchUp.ms };
  });
  clearInterval(sampler);
  const cpuAfterWatched = cpuSeconds();
  const cpuRow = (label, before, after) => ({
    metric: `server CPU during the ${label} (user ${(after.user - before.user).toFixed(2)} s + system ${(after.system - before.system).toFixed(2)} s)`,
    value: after.user - before.user + after.system - before.system,
    unit: 's',
  });
  rows.push({ metric: `1M-line flood alone: run duration`, value: alone.value.durationMs, unit: 'ms' });
  rows.push({
    metric: `1M-line flood with one live viewer (${watched.value.received} lines seen): run duration`,
    value: watched.value.end.durationMs,
    unit: 'ms',
    baseline: alone.value.durationMs,
    ratio: watched.value.end.durationMs / alone.value.durationMs,
    goal: 'ratio ≤ 1.2',
    pass: watched.value.end.durationMs / alone.value.durationMs <= 1.2,
  });
  rows.push(cpuRow('flood alone', cpuAlone, cpuAfterAlone));
  rows.push(cpuRow('watched flood, until the run ended', cpuAfterAlone, cpuAtRunEnd));
  rows.push(cpuRow("viewer's catch-up", cpuAtRunEnd, cpuAfterWatched));
  rows.push({
    metric: 'server RSS growth during the watched flood (until the run ended)',
    value: rssPeak - rssBefore,
    unit: 'MB',
    goal: '< 100',
    pass: rssPeak - rssBefore < 100,
  });
  rows.push({
    metric: 'the viewer catching up from the file after the run: time',
    value: watched.value.catchUpMs,
    unit: 'ms',
  });
  rows.push({
    metric: 'the viewer catching up from the file after the run: server RSS growth',
    value: rssPeakCatchUp - rssBefore,
    unit: 'MB',
  });
  return rows;
}

/** A finished run of `lines` records (1,000 of them hold "needle"), with its record; no index file. */
async function writeFinishedRun(home, lines) {
  const dir = join(home, 'ops', 'runs', 'big');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const started = new Date(Date.now() - 3_600_000 - lines);
  const id = `${started.toISOString().replace(/[-:]/g, '').replace('.', '')}-${lines.toString(16).slice(-6).padStart(6, '0')}`;
  const t = started.toISOString();
  const out = createWriteStream(join(dir, `${id}.log`), { mode: 0o600 });
  const batch = 20_000;
  const every = lines / 1000;
  for (let from = 1; from <= lines; from += batch) {
    let text = '';
    for (let seq = from; seq < from + batch && seq <= lines; seq++)
      text += `{"seq":${seq},"t":"${t}","stream":"stdout","text":"${seq % every === 0 ? 'needle' : 'line'} ${seq}"}\n`;
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve) => out.end(resolve));
  const record = {
    version: 1,
    id,
    workflow: 'big',
    path: '',
    trigger: 'manual',
    status: 'succeeded',
    command: ['gen'],
    startedAt: t,
    finishedAt: t,
    durationMs: 0,
    exitCode: 0,
    signal: null,
    lineCount: lines,
    reason: null,
    pid: null,
    serverPid: 1,
    serverStartedAt: t,
  };
  writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(record)}\n`, { mode: 0o600 });
  return id;
}

async function startRun(server) {
  const res = await fetch(`${server.url}/api/workflows/flood/runs`, {
    method: 'POST',
    headers: { ...server.headers, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`start flood: ${res.status} ${await res.text()}`);
  return (await res.json()).run;
}

async function getJson(server, path) {
  const res = await fetch(`${server.url}${path}`, { headers: server.headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function waitForEnd(server, id) {
  for (;;) {
    const { run } = await getJson(server, `/api/runs/${id}`);
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves at the first line event (or, with `toEnd`, counts line events to the end of the stream). */
function firstByte(server, path, headers, toEnd = false) {
  const marker = Buffer.from('event: line\n');
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}${path}`);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, headers: { ...server.headers, ...headers } },
      (res) => {
        let count = 0;
        // The end of the previous chunk, so a marker cut between two chunks is still counted once.
        let carry = Buffer.alloc(0);
        res.on('data', (chunk) => {
          const data = Buffer.concat([carry, chunk]);
          for (let at = data.indexOf(marker); at !== -1; at = data.indexOf(marker, at + 1)) count++;
          carry = data.subarray(Math.max(0, data.length - (marker.length - 1)));
          if (!toEnd && count > 0) {
            resolve(count);
            req.destroy();
          }
        });
        res.on('end', () => resolve(count));
      },
    );
    req.on('error', (error) => (toEnd ? reject(error) : undefined));
    req.end();
  });
}
