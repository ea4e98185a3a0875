/**
 * The cost pieces for the one-shot CLI commands (`attune-ops key …`, `attune-ops costs`):
 * the launch (loadLaunch: config from the injected env and working directory, the
 * settings file read once), the settings store and the organizations' cost services (`costs`: the
 * first organization's) — nothing else (no runs, specs, telemetry or
 * status: `key status` must not pay for them). A settings file that cannot be used is
 * said on stderr, not dropped; logs go to the injected stderr (errors only: the command
 * prints its own messages); no background work is started. Tests inject the secret
 * store, clock and timeout.
 */
import type { DestinationStream } from 'pino';
import type { CliIo } from './io.js';
import { loadLaunch } from '../config/launch.js';
import { LaunchRefused } from './launch-refused.js';
import { systemClock, type Clock } from '../core/clock.js';
import { appVersion } from '../core/version.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { SecretRedactor } from '../logging/redact.js';
import { createKeytarSecretStore } from '../secrets/keytar-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { SettingsStore } from '../settings/settings-store.js';
import type { CostService } from '../costs/cost-service.js';
import { Organizations } from '../costs/organizations.js';

export interface CostCliDeps {
  secretStore?: SecretStore;
  clock?: Clock;
  costTimeoutMs?: number;
}

export interface CostCliServices {
  orgs: Organizations;
  costs: CostService;
  logger: Logger;
  clock: Clock;
}

export async function costCliServices(io: CliIo, deps: CostCliDeps = {}): Promise<CostCliServices> {
  const loaded = await loadLaunch({ flags: {}, env: io.env, cwd: io.cwd, serves: false });
  if (loaded.kind === 'invalid') throw new LaunchRefused(loaded.message, loaded.exitCode);
  const { config, settingsRead } = loaded.launch;
  if (settingsRead.kind === 'invalid') io.stderr.write(`Warning: ${settingsRead.warning}\n`);
  const redactor = new SecretRedactor();
  const logger = createLogger({ redactor, level: 'error', destinations: [io.stderr as unknown as DestinationStream] });
  const clock = deps.clock ?? systemClock;
  const settings = SettingsStore.fromRead(config, settingsRead); // its warning is the one printed above
  const orgs = await Organizations.create({
    config,
    settings,
    logger,
    redactor,
    clock,
    env: io.env,
    version: appVersion(),
    secretStore: deps.secretStore ?? createKeytarSecretStore(),
    timeoutMs: deps.costTimeoutMs,
  });
  return { orgs, costs: orgs.primary.costs, logger, clock };
}

/** Reads a secret from stdin: hidden raw-mode typing on a TTY, the whole stream otherwise. */
export async function readSecret(io: CliIo, prompt: string): Promise<string | null> {
  const { stdin } = io;
  if (!stdin.isTTY || !stdin.setRawMode) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.length > 8192) break;
    }
    return text.trim();
  }
  io.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string | null>((resolve) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\u0003') return finish(null);
          if (char === '\r' || char === '\n' || char === '\u0004') return finish(typed.trim());
          typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
        }
      };
      const finish = (value: string | null) => {
        stdin.off('data', onData);
        resolve(value);
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    io.stderr.write('\n');
  }
}
