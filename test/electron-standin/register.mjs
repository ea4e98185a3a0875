/**
 * `node --import ./register.mjs <app>`: makes `electron` resolve to the stand-in, and
 * plays the platform the harness asked for (`STANDIN_PLATFORM`: linux, win32, darwin)
 * by overriding `process.platform` before the app's first line runs.
 */
import { register } from 'node:module';

const platform = process.env.STANDIN_PLATFORM;
if (platform) Object.defineProperty(process, 'platform', { value: platform, configurable: true });
globalThis.__standinStartedAt = performance.now();
register('./hooks.mjs', import.meta.url);
