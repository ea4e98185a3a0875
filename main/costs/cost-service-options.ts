/**
 * What one organization's CostService is built from (cost-service.ts): the shared config,
 * settings, logger, redactor, clock and keychain, and which admin key slot it serves.
 * Injected, never module state, so tests build services on their own homes and stand-ins.
 */
import type { AxiosInstance } from 'axios';
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import type { AdminKeySlot } from '../secrets/admin-key-slots.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsStore } from '../settings/settings-store.js';

export interface CostServiceOptions {
  config: Config;
  settings: SettingsStore;
  logger: Logger;
  redactor: SecretRedactor;
  clock: Clock;
  env: Record<string, string | undefined>;
  version: string;
  secretStore: SecretStore;
  /** Which organization's key (`default` when absent: the key there always was). */
  slot?: AdminKeySlot;
  /** Upstream request timeout; 10 s by default. */
  timeoutMs?: number;
  http?: AxiosInstance;
}
