/**
 * One-time login codes for "Open in browser": the desktop shell asks for a code with the
 * launch token (POST /api/session/login-code) and opens `<origin>/?login=<code>`, so the
 * long-lived token never reaches a browser's command line or history. A code is 32
 * random bytes (base64url), held in memory only, valid once, for LOGIN_CODE_TTL_MS.
 * Codes are never logged.
 */
import { randomBytes } from 'node:crypto';

export const LOGIN_CODE_TTL_MS = 60_000;

export interface IssuedLoginCode {
  code: string;
  expiresAtMs: number;
}

export class LoginCodes {
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = LOGIN_CODE_TTL_MS,
  ) {}

  issue(): IssuedLoginCode {
    this.prune();
    const code = randomBytes(32).toString('base64url');
    const expiresAtMs = this.now() + this.ttlMs;
    this.codes.set(code, expiresAtMs);
    return { code, expiresAtMs };
  }

  /** True once for a code issued here and not yet expired; the code is spent either way. */
  redeem(code: string): boolean {
    const expiresAtMs = this.codes.get(code);
    this.codes.delete(code);
    return expiresAtMs !== undefined && this.now() < expiresAtMs;
  }

  private prune(): void {
    const now = this.now();
    for (const [code, expiresAtMs] of this.codes) if (expiresAtMs <= now) this.codes.delete(code);
  }
}
