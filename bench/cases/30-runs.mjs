/**
 * Runs: SSE delivery throughput and latency, server memory under a flood, and history
 * indexing at 10,000 runs (issue 4 figures).
 *   - 1,000,000 lines (~60 MB) to one SSE client from the run's start to the stream's end,
 *     as a ratio to the same command piped to /dev/null, and the server's RSS growth over it:
 *     information only since issue 14 retired that ratio (the live stream is paced,
 *     main/server/live-pace.ts, and the viewer catches up from the file after the run; the
 *     user-felt figures are bench 31's: a run not slowed by watching, RSS during the flood);
 *   - write -> SSE delivery latency at a low rate, p99 (goal < 50 ms);
 *   - 10,000 persisted runs: indexing time (goal < 2 s) and the first page of
 *     GET /api/runs (goal < 50 ms).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startRun } from '../lib/run-start.mjs';

export const title = 'runs: SSE throughput, latency, memory, history index';

const LINES = 1_000_000;

export default async function run(h) {
  const emit = join(h.root, 'test', 'fixtures', 'scripts', 'emit-lines.mjs');
  const floodArgs = [emit, '--count', String(LINES), '--width', '60'];
  const rows = [];

  // Baseline: the same command into /dev/null, in this process.
  const devNull = openSync('/dev/null', 'w');
  const baseStart = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, floodArgs, { stdio: ['ignore', devNull, 'ignore'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`baseline exit ${code}`))));
  });
  const baselineLps = LINES / ((performance.now() - baseStart) / 1000);
  closeSync(devNull);

  const project = h.tmpDir('attune-bench-project-');
  const home = h.tmpDir('attune-bench-home-');
  mkdirSync(join(project, '.attune'), { recursive: true });
  const ticker = join(project, 'ticker.mjs');
  writeFileSync(
    ticker,
    'for (let i = 0; i < 300; i++) { process.stdout.write(`${performance.timeOrigin + performance.now()}\\n`); await new Promise((r) => setTimeout(r, 10)); }\n',
  );
  writeFileSync(
    join(project, '.attune', 'workflows.yaml'),
    [
      'workflows:',
      `  - name: flood\n    command: ${JSON.stringify([process.execPath, ...floodArgs])}`,
      `  - name: ticker\n    command: ${JSON.stringify([process.execPath, ticker])}`,
      '',
    ].join('\n'),
  );
  const server = await h.spawnServer({ args: ['--project-root', project, '--allow-run'], env: { ATTUNE_HOME: home } });
  const statusMb = (field) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) /
    1024;

  // Throughput and memory. The peak is the kernel's high-water mark (VmHWM, reset just
  // before the flood where the kernel allows it) or the sampled maximum, whichever is larger.
  try {
    writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5');
  } catch {
    // not permitted: VmHWM then also covers start-up, which only makes the figure stricter
  }
  const rssBefore = statusMb('VmRSS');
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, statusMb('VmRSS'))), 20);
  const clientCpu = process.cpuUsage();
  const floodStart = performance.now();
  const flood = await startRun(server, 'flood');
  const received = await countEvents(server, `/api/runs/${flood.id}/events`);
  const floodSeconds = (performance.now() - floodStart) / 1000;
  const clientCpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(clientCpu));
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, statusMb('VmHWM'));
  const sseLps = received / floodSeconds;
  rows.push({
    metric: `lines/s to one SSE client (${received} lines)`,
    value: sseLps,
    unit: 'lines/s',
    baseline: baselineLps,
    ratio: sseLps / baselineLps,
    goal: 'information (all lines)',
    pass: received === LINES,
  });
  rows.push({
    metric: 'server RSS growth from the start to the stream end, catch-up included (peak - before)',
    value: rssPeak - rssBefore,
    unit: 'MB',
  });
  rows.push({
    metric: 'bench client CPU during the flood (its share of the 2 cores)',
    value: clientCpuSeconds,
    unit: 's',
  });

  // The ceiling on this machine: the same flood through the least a server must do (bench/lib/minimal-sse-pipeline.mjs).
  const minimal = await spawnPrintingUrl([
    join(h.root, 'bench', 'lib', 'minimal-sse-pipeline.mjs'),
    join(h.tmpDir('attune-bench-minimal-'), 'flood.log'),
    process.execPath,
    ...floodArgs,
  ]);
  const minimalStart = performance.now();
  const minimalReceived = await countEvents({ url: minimal.url, headers: {} }, '/');
  const minimalLps = minimalReceived / ((performance.now() - minimalStart) / 1000);
  rows.push({
    metric: `  ceiling: the same flood through a minimal pipeline (${minimalReceived} lines)`,
    value: minimalLps,
    unit: 'lines/s',
    baseline: baselineLps,
    ratio: minimalLps / baselineLps,
  });
  rows.push({ metric: '  the ops server as a share of that ceiling', value: sseLps / minimalLps, unit: '' });
  minimal.child.kill('SIGTERM');

  // Latency at a low rate.
  const tick = await startRun(server, 'ticker');
  const latencies = await latenciesOf(server, tick.id);
  const p99 = h.percentile(latencies, 99);
  rows.push({
    metric: `write -> SSE delivery p99 (${latencies.length} lines, 100/s)`,
    value: p99,
    unit: 'ms',
    goal: '< 50',
    pass: p99 < 50,
  });
  rows.push({ metric: 'write -> SSE delivery p50', value: h.percentile(latencies, 50), unit: 'ms' });

  // 10,000 persisted runs.
  const bigHome = h.tmpDir('attune-bench-home-');
  seedRuns(bigHome, 10_000);
  const { RunService } = await import(join(h.dist, 'main', 'runs', 'run-service.js'));
  const { WorkflowCatalogue } = await import(join(h.dist, 'main', 'workflows', 'workflow-catalogue.js'));
  const { SecretRedactor } = await import(join(h.dist, 'main', 'logging', 'redact.js'));
  const { SseHub } = await import(join(h.dist, 'main', 'server', 'sse.js'));
  const { systemClock } = await import(join(h.dist, 'main', 'core', 'clock.js'));
  const silent = { info() {}, warn() {}, error() {}, debug() {} };
  const service = new RunService({
    runsDir: join(bigHome, 'ops', 'runs'),
    projectRoot: project,
    catalogue: new WorkflowCatalogue({ projectRoot: project, attuneHome: bigHome }),
    settings: { get: () => ({ allowRun: false, maxConcurrentRuns: 1, runsRetentionDays: 0, runsMaxTotalMb: 1024 }) },
    clock: systemClock,
    logger: silent,
    env: {},
    redactor: new SecretRedactor(),
    hub: new SseHub(),
  });
  const indexStart = performance.now();
  await service.ready();
  const indexMs = performance.now() - indexStart;
  const indexed = service.list({ limit: 1 }).runs.length;
  rows.push({
    metric: 'index 10,000 persisted runs (scan + parse)',
    value: indexMs / 1000,
    unit: 's',
    goal: '< 2',
    pass: indexed === 1 && indexMs < 2000,
  });

  const historyServer = await h.spawnServer({ args: ['--project-root', project], env: { ATTUNE_HOME: bigHome } });
  const firstStart = performance.now();
  const first = await getJson(historyServer, '/api/runs?limit=50');
  const firstMs = performance.now() - firstStart;
  const pages = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await getJson(historyServer, '/api/runs?limit=50');
    pages.push(performance.now() - t);
  }
  rows.push({
    metric: 'first GET /api/runs page after start (10,000 runs)',
    value: firstMs,
    unit: 'ms',
    goal: '< 50 (incl. waiting for the index)',
    pass: first.runs.length === 50 && firstMs < 50,
  });
  rows.push({
    metric: 'GET /api/runs page p50 (10,000 runs)',
    value: h.percentile(pages, 50),
    unit: 'ms',
    goal: '< 50',
    pass: h.percentile(pages, 50) < 50,
  });
  return rows;
}

/** A node script that prints its URL once listening. */
function spawnPrintingUrl(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited ${code}: ${output}`)));
  });
}

async function getJson(server, path) {
  const res = await fetch(`${server.url}${path}`, { headers: server.headers });
  return res.json();
}

/**
 * Reads the event stream to its end, counting `line` events in the raw bytes (no
 * decoding). A marker split across two chunks is found in the few bytes around the seam,
 * so no chunk is copied: the client should cost the shared 2 cores as little as it can.
 */
function countEvents(server, path) {
  const marker = Buffer.from('event: line\n');
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}${path}`);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: server.headers }, (res) => {
      let count = 0;
      let tail = Buffer.alloc(0);
      res.on('data', (chunk) => {
        if (tail.length > 0) {
          const seam = Buffer.concat([tail, chunk.subarray(0, marker.length - 1)]);
          if (seam.indexOf(marker) !== -1) count++;
        }
        for (let at = chunk.indexOf(marker); at !== -1; at = chunk.indexOf(marker, at + marker.length)) count++;
        const last = chunk.length >= marker.length - 1 ? chunk : Buffer.concat([tail, chunk]);
        tail = Buffer.from(last.subarray(Math.max(0, last.length - (marker.length - 1))));
      });
      res.on('end', () => resolve(count));
    });
    req.on('error', reject);
    req.end();
  });
}

function latenciesOf(server, id) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}/api/runs/${id}/events`);
    const latencies = [];
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: server.headers }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const now = performance.timeOrigin + performance.now();
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = /event: line\ndata: (.*)/.exec(block)?.[1];
          if (data) latencies.push(now - Number(JSON.parse(data).text));
        }
      });
      res.on('end', () => resolve(latencies.slice(5)));
    });
    req.on('error', reject);
    req.end();
  });
}

function seedRuns(home, count) {
  const start = Date.now() - count * 60_000;
  for (let w = 0; w < 10; w++) mkdirSync(join(home, 'ops', 'runs', `workflow-${w}`), { recursive: true });
  for (let i = 0; i < count; i++) {
    const started = new Date(start + i * 60_000);
    const id = `${started.toISOString().replace(/[-:]/g, '').replace('.', '')}-${i.toString(16).padStart(6, '0')}`;
    const workflow = `workflow-${i % 10}`;
    const record = {
      version: 1,
      id,
      workflow,
      path: 'src',
      trigger: 'manual',
      status: i % 7 === 0 ? 'failed' : 'succeeded',
      command: ['npm', 'test'],
      startedAt: started.toISOString(),
      finishedAt: new Date(started.getTime() + 5000).toISOString(),
      durationMs: 5000,
      exitCode: i % 7 === 0 ? 1 : 0,
      signal: null,
      lineCount: 3,
      reason: null,
      pid: 1234,
      serverPid: 1,
      serverStartedAt: started.toISOString(),
    };
    writeFileSync(join(home, 'ops', 'runs', workflow, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`);
    writeFileSync(
      join(home, 'ops', 'runs', workflow, `${id}.log`),
      `{"seq":1,"t":"${record.startedAt}","stream":"stdout","text":"ok"}\n`,
    );
  }
}
