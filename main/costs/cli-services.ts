/**
 * Services for the one-shot cost CLI commands (`attune-ops key …`, `attune-ops costs`):
 * config from the injected env and working directory plus the persisted settings file,
 * logs to the injected stderr (errors only: the command prints its own messages), and
 * no background work is started. Tests inject the secret store, clock and timeout.
 */
import type { DestinationStream } from 'pino';
import type { CliIo } from '../cli/io.js';
import { buildConfig } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import { createLogger } from '../logging/logger.js';
import { SecretRedactor } from '../logging/redact.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { createServices, type Services } from '../services.js';
import { readSettingsFile } from '../settings/settings-file.js';

export interface CostCliDeps {
  secretStore?: SecretStore;
  clock?: Clock;
  costTimeoutMs?: number;
}

export async function costCliServices(io: CliIo, deps: CostCliDeps = {}): Promise<Services> {
  const base = buildConfig({ env: io.env, cwd: io.cwd });
  const read = await readSettingsFile(base.settingsPath);
  const config = buildConfig({ env: io.env, cwd: io.cwd, persisted: read.settings });
  const redactor = new SecretRedactor();
  const logger = createLogger({ redactor, level: 'error', destinations: [io.stderr as unknown as DestinationStream] });
  return createServices(config, { env: io.env, logger, redactor, secretStore: deps.secretStore, clock: deps.clock, costTimeoutMs: deps.costTimeoutMs });
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
