/**
 * Helpers shared by bench cases: temp dirs, spawning the built CLI as a real server and
 * waiting for its first 200, percentiles, and autocannon runs. Everything started here is
 * stopped by cleanup() after each case.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function createHarness(root) {
  const dirs = [];
  const children = [];
  const h = {
    root,
    dist: join(root, 'dist'),
    bin: join(root, 'bin', 'attune-ops.js'),
    percentile,
    tmpDir(prefix = 'attune-bench-') {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    /** Spawns `attune-ops serve` on a free port; resolves when /api/health answers 200. */
    async spawnServer({ args = [], env = {}, token = 'bench-token-0123456789abcdefghijklmnop' } = {}) {
      const started = performance.now();
      const child = spawn(process.execPath, [h.bin, 'serve', '--port', '0', '--no-browser', ...args], {
        env: { ...process.env, ATTUNE_OPS_TOKEN: token, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      const url = await new Promise((resolve, reject) => {
        const onData = (chunk) => {
          output += chunk;
          const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolve(match[1]);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk) => (output += chunk));
        child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
      });
      await h.waitFor200(`${url}/api/health`);
      return {
        url,
        token,
        child,
        startedMs: performance.now() - started,
        headers: { Authorization: `Bearer ${token}` },
      };
    },
    async waitFor200(url, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const res = await fetch(url);
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`no 200 from ${url}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    /** autocannon with sane defaults; returns {rps, p99, p50, errors, non2xx}. */
    async load({ url, connections = 50, duration = 5, headers = {} }) {
      const result = await autocannon({ url, connections, duration, headers });
      return {
        rps: result.requests.average,
        p99: result.latency.p99,
        p50: result.latency.p50,
        errors: result.errors,
        non2xx: result.non2xx,
      };
    },
    async cleanup() {
      for (const child of children.splice(0)) {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((r) => {
            child.once('exit', r);
            setTimeout(r, 5000);
          });
        }
      }
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
