/**
 * Runs whose children escape the process group (issue 12 figures): a `setsid` run, and
 * one whose setsid child also ignores SIGTERM (test/fixtures/scripts/escapees.sh), on
 * the built server with its default 5 s kill grace.
 *   - cancel -> `cancelled` (POST cancel to the run's status saying so);
 *   - leader exits 0 with a setsid child holding its output -> `succeeded`;
 *   - server SIGTERM -> process exit, with such a run going (goal <= grace + 2 s);
 * each checked afterwards in /proc: no process carrying the run's ATTUNE_RUN_ID survives.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'runs: setsid escapees (cancel, leader exit, shutdown)';

const GRACE_MS = 5000;

export default async function run(h) {
  if (process.platform !== 'linux') return [{ metric: 'skipped: needs Linux /proc', value: 0, unit: '' }];
  const project = h.tmpDir('attune-bench-project-');
  mkdirSync(join(project, '.attune'), { recursive: true });
  const escapees = join(h.root, 'test', 'fixtures', 'scripts', 'escapees.sh');
  const setsid = 'setsid sleep 300 & ( setsid sleep 301 & ); echo started; sleep 300';
  const setsidExit = 'setsid sleep 300 & echo started';
  writeFileSync(
    join(project, '.attune', 'workflows.yaml'),
    [
      'workflows:',
      `  - name: setsid\n    shell: true\n    command: ${JSON.stringify(setsid)}`,
      `  - name: setsid-exit\n    shell: true\n    command: ${JSON.stringify(setsidExit)}`,
      `  - name: stubborn\n    command: ${JSON.stringify(['/bin/sh', escapees])}`,
      '',
    ].join('\n'),
  );
  const rows = [];
  const startServer = () =>
    h.spawnServer({
      args: ['--project-root', project, '--allow-run'],
      env: { ATTUNE_HOME: h.tmpDir('attune-bench-home-') },
    });

  const server = await startServer();
  for (const [workflow, sleeps, label] of [
    ['setsid', 3, 'setsid + double-forked setsid child'],
    ['stubborn', 5, 'setsid child ignoring SIGTERM'],
  ]) {
    const times = [];
    let survivors = 0;
    for (let i = 0; i < 3; i++) {
      const id = await startRun(server, workflow);
      await until(() => marked(id).length >= sleeps, 'the escapees');
      const began = performance.now();
      await api(server, `/api/runs/${id}/cancel`, 'POST');
      await until(async () => (await api(server, `/api/runs/${id}`)).run.status === 'cancelled', 'cancelled');
      times.push(performance.now() - began);
      survivors += marked(id).length;
    }
    rows.push({
      metric: `cancel -> cancelled, ${label}, median of 3 (${survivors} marked survivors)`,
      value: h.percentile(times, 50),
      unit: 'ms',
      goal: workflow === 'stubborn' ? `<= grace (${GRACE_MS}) + 2000` : '< 1000',
      pass: survivors === 0 && h.percentile(times, 50) < (workflow === 'stubborn' ? GRACE_MS + 2000 : 1000),
    });
  }
  {
    const began = performance.now();
    const id = await startRun(server, 'setsid-exit');
    const ended = await until(async () => {
      const { run } = await api(server, `/api/runs/${id}`);
      return run.status !== 'running' && run;
    }, 'the end');
    rows.push({
      metric: `leader exits 0, setsid child holds stdout: start -> ${ended.status} (${marked(id).length} survivors)`,
      value: performance.now() - began,
      unit: 'ms',
      goal: '~ 2 s drain + stop',
      pass: ended.status === 'succeeded' && marked(id).length === 0,
    });
  }

  for (const [workflow, sleeps, label] of [
    ['setsid', 3, 'a setsid run'],
    ['stubborn', 5, 'a run whose setsid child ignores SIGTERM'],
  ]) {
    const s = await startServer();
    const id = await startRun(s, workflow);
    await until(() => marked(id).length >= sleeps, 'the escapees');
    const began = performance.now();
    const exited = new Promise((resolve) => s.child.once('exit', resolve));
    s.child.kill('SIGTERM');
    await exited;
    const ms = performance.now() - began;
    const left = marked(id).length;
    rows.push({
      metric: `server SIGTERM -> exit with ${label} (${left} marked survivors)`,
      value: ms,
      unit: 'ms',
      goal: `<= grace + 2000 (${GRACE_MS + 2000})`,
      pass: left === 0 && ms <= GRACE_MS + 2000,
    });
  }
  return rows;
}

async function api(server, path, method = 'GET') {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...server.headers, 'Content-Type': 'application/json' },
    body: method === 'POST' ? '{}' : undefined,
  });
  return response.json();
}

async function startRun(server, workflow) {
  const body = await api(server, `/api/workflows/${workflow}/runs`, 'POST');
  if (!body.run) throw new Error(`start ${workflow}: ${JSON.stringify(body)}`);
  return body.run.id;
}

async function until(probe, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Live processes whose environment carries ATTUNE_RUN_ID=<id>. */
function marked(id) {
  const needle = Buffer.from(`ATTUNE_RUN_ID=${id}\0`);
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue;
      const env = readFileSync(`/proc/${name}/environ`);
      const at = env.indexOf(needle);
      if (at === 0 || (at > 0 && env[at - 1] === 0)) pids.push(Number(name));
    } catch {
      // gone, or not readable
    }
  }
  return pids;
}
