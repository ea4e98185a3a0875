/**
 * Importing the core's public API must not load Koa or any route (ARCHITECTURE.md):
 * a child process records every module URL through a resolve hook, imports
 * dist/main/index.js, and reports what was loaded. `createApp` then loads Koa.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { DIST_INDEX, requireBuild } from '../support/built.js';

beforeAll(requireBuild);

const HOOK = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;

function loadedModules(afterImport: string): string[] {
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}), { data: { port: port2 }, transferList: [port2] });
    const core = await import(${JSON.stringify(pathToFileURL(DIST_INDEX).href)});
    ${afterImport}
    // An end marker resolved through the same hook: once it arrives, every earlier URL has.
    const marker = 'data:text/javascript,export{}//end-of-imports';
    const seen = new Promise((resolve) => port1.on('message', (url) => url === marker && resolve()));
    await import(marker);
    await seen;
    process.stdout.write(JSON.stringify(urls));
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  ) as string[];
}

describe('main/index', () => {
  it('loads neither Koa nor the router nor any route module at import', () => {
    const urls = loadedModules('');
    expect(urls.some((u) => u.includes('/dist/main/index.js'))).toBe(true);
    expect(urls.filter((u) => /node_modules\/(koa|@koa)\//.test(u))).toEqual([]);
    expect(urls.filter((u) => /routes?\.js$|\/server\/create-app\.js$|\/server\/start-server\.js$/.test(u))).toEqual(
      [],
    );
    expect(urls.filter((u) => /node_modules\/(keytar|pino|axios)\//.test(u))).toEqual([]);
  });

  it('loads Koa once createApp is called (so the check above can fail)', () => {
    const urls = loadedModules(`
      const config = core.buildConfig({ port: 0, env: {} });
      const services = await core.createServices(config, { env: {} });
      await core.createApp(config, { services, token: 'x'.repeat(32) });
    `);
    expect(urls.some((u) => /node_modules\/koa\//.test(u))).toBe(true);
  });
});
