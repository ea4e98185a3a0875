/**
 * Foundation figures (issue 2):
 *  - import time of dist/main/index.js in a fresh process, and whether Koa got loaded;
 *  - server cold start: process spawn → first 200 from /api/health, as a ratio to a bare
 *    `node -e` http server's spawn → first 200, both measured here in this run;
 *  - /api/info throughput and p99 at 50 connections, as a ratio to a bare Koa
 *    hello-world in a child process, measured in this run with the same load generator.
 */
import { execFileSync, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const title = 'foundation';

const RUNS = 7;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function importProbe(indexUrl) {
  const hook = `let port; export function initialize(d){port=d.port}
    export async function resolve(s,c,n){const r=await n(s,c); port.postMessage(r.url); return r}`;
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel(); const urls = [];
    port1.on('message', (u) => urls.push(u)); port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { port: port2 }, transferList: [port2] });
    const t0 = performance.now(); await import(${JSON.stringify(indexUrl)}); const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
    process.stdout.write(JSON.stringify({ ms, koa: urls.some((u) => /node_modules\\/koa\\//.test(u)) }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

function plainImportMs(indexUrl) {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(indexUrl)}); process.stdout.write(String(performance.now() - t0));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

async function spawnUntil200(h, args, env = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  await h.waitFor200(url.endsWith('/') ? url : `${url}/api/health`);
  const ms = performance.now() - started;
  return { ms, url, child };
}

const BARE_HTTP = `require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})`;
const BARE_KOA = (koaPath) => `import Koa from ${JSON.stringify(koaPath)};
  const app = new Koa(); app.use((ctx) => { ctx.body = { hello: 'world' }; });
  const server = app.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));`;

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export default async function run(h) {
  const indexUrl = pathToFileURL(join(h.dist, 'main', 'index.js')).href;
  const probe = importProbe(indexUrl);
  const importMs = median(Array.from({ length: RUNS }, () => plainImportMs(indexUrl)));

  const bare = [];
  const cold = [];
  for (let i = 0; i < RUNS; i += 1) {
    const b = await spawnUntil200(h, ['-e', BARE_HTTP]);
    bare.push(b.ms);
    await stop(b.child);
    const home = h.tmpDir('bench-home-');
    const s = await spawnUntil200(h, [h.bin, 'serve', '--port', '0', '--no-browser', '--project-root', home], {
      ATTUNE_HOME: home,
      ATTUNE_OPS_TOKEN: 'bench-token-0123456789abcdef',
    });
    cold.push(s.ms);
    await stop(s.child);
  }
  const bareMs = median(bare);
  const coldMs = median(cold);

  const koaPath = pathToFileURL(join(h.root, 'node_modules', 'koa', 'dist', 'koa.mjs')).href;
  const koa = await spawnUntil200(h, ['--input-type=module', '-e', BARE_KOA(koaPath)]);
  await h.load({ url: koa.url, connections: 50, duration: 1 });
  const koaLoad = await h.load({ url: koa.url, connections: 50, duration: 5 });
  await stop(koa.child);

  const home = h.tmpDir('bench-home-');
  const server = await h.spawnServer({ args: ['--project-root', home], env: { ATTUNE_HOME: home } });
  await h.load({ url: `${server.url}/api/info`, connections: 50, duration: 1, headers: server.headers });
  const info = await h.load({ url: `${server.url}/api/info`, connections: 50, duration: 5, headers: server.headers });
  if (info.non2xx > 0 || info.errors > 0)
    throw new Error(`/api/info answered ${info.non2xx} non-2xx and ${info.errors} errors under load`);

  return [
    {
      metric: 'import main/index (median of 7 fresh processes)',
      value: importMs,
      unit: 'ms',
      goal: '< 30 ms',
      pass: importMs < 30,
    },
    { metric: 'Koa loaded by that import', value: probe.koa ? 'yes' : 'no', unit: '', goal: 'no', pass: !probe.koa },
    {
      metric: 'cold start: spawn → first 200 /api/health',
      value: coldMs,
      unit: 'ms',
      baseline: bareMs,
      ratio: coldMs / bareMs,
      goal: '≤ 4× bare node -e',
      pass: coldMs / bareMs <= 4,
    },
    {
      metric: '/api/info throughput @50 conns',
      value: info.rps,
      unit: 'req/s',
      baseline: koaLoad.rps,
      ratio: info.rps / koaLoad.rps,
      goal: '≥ 0.7× bare Koa',
      pass: info.rps / koaLoad.rps >= 0.7,
    },
    {
      metric: '/api/info p99 @50 conns',
      value: info.p99,
      unit: 'ms',
      baseline: koaLoad.p99,
      ratio: info.p99 / Math.max(1, koaLoad.p99),
      goal: '< 20 ms',
      pass: info.p99 < 20,
    },
  ];
}
