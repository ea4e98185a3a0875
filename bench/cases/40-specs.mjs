/**
 * Specs figures (issue 5), against the built server (`attune-ops serve`):
 *  - GET /api/specs over 500 spec folders (3 phase files each), warm: p50 / p95 of 50
 *    sequential requests after 5 warm-up ones (goal < 100 ms), plus the cold first request;
 *  - "ready to close?" detection over 50 approved specs with a fake `gh` (a sh script) that
 *    takes 200 ms per call: while it runs, p99 of GET /api/info polled every
 *    5 ms (goal < 20 ms), against the same poll's p99 with nothing running (baseline).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'specs';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A `gh` that sleeps 200 ms, then says every PR is merged and no issue is open. Written in
 * sh rather than using the Node fake of the tests: like the real (Go) gh it costs almost no
 * CPU to start, so the figure measures the server, not 100 Node start-ups on 2 cores.
 */
const SH_GH = `#!/bin/sh
sleep 0.2
case "$1" in
  api) n="\${2##*/}"; printf '{"number":%s,"state":"closed","merged_at":"2026-05-10T12:00:00Z"}\\n' "$n" ;;
  search) printf '[]\\n' ;;
  *) echo "unsupported" >&2; exit 1 ;;
esac
`;

function writeSpecs(projectRoot, count, files) {
  const old = new Date(Date.now() - 3 * DAY_MS);
  for (let i = 0; i < count; i += 1) {
    const dir = join(projectRoot, 'docs', 'specs', `spec-${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files(i))) {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), old, old);
    }
  }
}

async function timed(url, headers) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

async function pollWhile(url, headers, keepGoing) {
  const samples = [];
  while (keepGoing()) {
    samples.push(await timed(url, headers));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return samples;
}

async function listingCase(h) {
  const projectRoot = h.tmpDir('attune-bench-specs-');
  writeSpecs(projectRoot, 500, (i) => ({
    'requirements.md': `# Spec ${i}: Requirements\n\n**Status:** approved\n\nText.\n`,
    'design.md': `# Spec ${i}: Design\n\n**Status:** in-review — round ${i % 3}\n`,
    'tasks.md': `# Spec ${i}: Tasks\n\n**Status:** draft\n\n- [x] one\n- [ ] two\n`,
  }));
  const server = await h.spawnServer({
    args: ['--project-root', projectRoot],
    env: { ATTUNE_HOME: h.tmpDir('attune-bench-home-') },
  });
  const url = `${server.url}/api/specs`;
  const cold = await timed(url, server.headers);
  const body = await (await fetch(url, { headers: server.headers })).json();
  if (body.specs.length !== 500) throw new Error(`expected 500 specs, got ${body.specs.length}`);
  for (let i = 0; i < 5; i += 1) await timed(url, server.headers);
  const samples = [];
  for (let i = 0; i < 50; i += 1) samples.push(await timed(url, server.headers));
  const p95 = h.percentile(samples, 95);
  return [
    { metric: 'GET /api/specs, 500 folders, cold (first request)', value: cold, unit: 'ms' },
    {
      metric: 'GET /api/specs, 500 folders, warm p50',
      value: h.percentile(samples, 50),
      unit: 'ms',
      goal: '< 100 ms',
      pass: h.percentile(samples, 50) < 100,
    },
    { metric: 'GET /api/specs, 500 folders, warm p95', value: p95, unit: 'ms', goal: '< 100 ms', pass: p95 < 100 },
  ];
}

async function candidatesCase(h) {
  const projectRoot = h.tmpDir('attune-bench-candidates-');
  writeSpecs(projectRoot, 50, (i) => ({
    'decisions.md': `# Spec ${i}: Decisions\n\n**Status:** approved (2026-05-09)\n\nShipped in #${i + 1}.\n`,
    'tasks.md': `# Spec ${i}: Tasks\n\n- [x] build\n- [x] test\n`,
  }));
  execFileSync('git', ['init', '-q'], { cwd: projectRoot });
  execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:bench/demo.git'], { cwd: projectRoot });
  const ghDir = h.tmpDir('attune-bench-gh-');
  writeFileSync(join(ghDir, 'gh'), SH_GH, { mode: 0o755 });
  const env = { ATTUNE_HOME: h.tmpDir('attune-bench-home-'), PATH: `${ghDir}:${process.env.PATH}` };
  const server = await h.spawnServer({
    args: ['--project-root', projectRoot, '--allow-run', '--specs-candidates'],
    env,
  });
  const info = `${server.url}/api/info`;

  const idleUntil = performance.now() + 2000;
  const baseline = await pollWhile(info, server.headers, () => performance.now() < idleUntil);

  let done = false;
  const started = performance.now();
  const detection = fetch(`${server.url}/api/specs/completion-candidates`, { headers: server.headers })
    .then((response) => response.json())
    .finally(() => (done = true));
  const during = await pollWhile(info, server.headers, () => !done);
  const answer = await detection;
  const detectionMs = performance.now() - started;
  if (answer.candidates?.length !== 50)
    throw new Error(`expected 50 candidates, got ${JSON.stringify(answer).slice(0, 300)}`);
  const p99 = h.percentile(during, 99);
  const baseP99 = h.percentile(baseline, 99);
  return [
    { metric: 'candidate detection, 50 approved specs, gh 200 ms/call (100 calls)', value: detectionMs, unit: 'ms' },
    {
      metric: `GET /api/info p99 during detection (${during.length} requests)`,
      value: p99,
      unit: 'ms',
      baseline: baseP99,
      ratio: p99 / baseP99,
      goal: '< 20 ms',
      pass: p99 < 20,
    },
    { metric: 'GET /api/info max during detection', value: Math.max(...during), unit: 'ms' },
  ];
}

export default async function run(h) {
  return [...(await listingCase(h)), ...(await candidatesCase(h))];
}
