/**
 * The latest cost refresh failure and the Admin API's `retry-after`: recorded with the key
 * scrubbed from the message, logged as a warning once and as debug while it repeats
 * (request ids aside), held briefly so reads do not call the API on every request, and
 * cleared by the next success.
 */
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import { redactCostError } from './cost-errors.js';
import type { CostError } from './cost-types.js';

export const ERROR_HOLD_MS = 30_000;

export class RefreshFailure {
  private last: { error: CostError; atMs: number } | null = null;
  /** No upstream call before this time (a `retry-after`). */
  retryNotBeforeMs = 0;

  constructor(private readonly options: { redactor: SecretRedactor; logger: Logger; now: () => number }) {}

  get error(): CostError | null {
    return this.last?.error ?? null;
  }

  /** A failure younger than ERROR_HOLD_MS: answered as it is instead of asking again. */
  held(nowMs: number): boolean {
    return this.last !== null && nowMs - this.last.atMs < ERROR_HOLD_MS;
  }

  limited(nowMs: number): boolean {
    return nowMs < this.retryNotBeforeMs;
  }

  record(raw: CostError): CostError {
    const error = redactCostError(this.options.redactor, raw);
    const now = this.options.now();
    const gist = (e: CostError) => `${e.kind}|${e.message.replace(/ \(request [^)]*\)/g, '')}`;
    const repeated = this.last !== null && gist(this.last.error) === gist(error);
    this.last = { error, atMs: now };
    if (error.retryAfterS !== undefined) this.retryNotBeforeMs = now + error.retryAfterS * 1000;
    this.options.logger[repeated ? 'debug' : 'warn'](
      { kind: error.kind, retryAfterS: error.retryAfterS },
      `cost refresh failed: ${error.message}`,
    );
    return error;
  }

  clear(): void {
    this.last = null;
    this.retryNotBeforeMs = 0;
  }
}
