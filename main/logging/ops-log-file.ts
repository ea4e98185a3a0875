/**
 * The ops.log destination: each JSON line is appended synchronously to
 * `<attuneHome>/ops/logs/ops.log` (file 0600, folders 0700). A failed open or write
 * (ENOSPC, EACCES, EROFS…) never throws, never loops: the line goes to the fallback
 * (stderr), the health turns `degraded` and the file is tried again on a later write (at
 * most once per `retryMs`), turning `ok` when that works. Nothing is buffered, so no exit
 * path waits on a flush (pino's own file destination retries a full disk every 100 ms,
 * forever, at exit).
 */
import { chmodSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errnoCode } from '../core/storage-error.js';
import type { LogHealth, LogHealthSource } from './log-health.js';

export interface OpsLogFileOptions {
  /** Where lines go while the file cannot be written; stderr when absent. */
  fallback?: { write(text: string): unknown };
  /** Milliseconds since the epoch; Date.now when absent. */
  now?: () => number;
  /** How long to wait before trying a failing file again (2 s when absent). */
  retryMs?: number;
}

export class OpsLogFile implements LogHealthSource {
  readonly path: string;
  private readonly directory: string;
  private readonly fallback: { write(text: string): unknown };
  private readonly now: () => number;
  private readonly retryMs: number;
  private readonly listeners = new Set<(health: LogHealth) => void>();
  private fd: number | undefined;
  private health: LogHealth = { state: 'ok' };
  private nextTry = 0;

  constructor(attuneHome: string, options: OpsLogFileOptions = {}) {
    this.directory = join(attuneHome, 'ops', 'logs');
    this.path = join(this.directory, 'ops.log');
    this.fallback = options.fallback ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.retryMs = options.retryMs ?? 2000;
    this.tryOpen();
  }

  write(line: string): void {
    if (!this.fileUsable()) return void this.fallback.write(line);
    try {
      const bytes = Buffer.from(line, 'utf8');
      for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd!, bytes, offset);
      this.recovered();
    } catch (error) {
      this.failed(error);
      this.fallback.write(line);
    }
  }

  /** Every line is written when `write` returns; pino calls these on flush and exit. */
  flush(callback?: (error?: Error) => void): void {
    callback?.();
  }

  flushSync(): void {}

  end(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  logHealth(): LogHealth {
    return this.health;
  }

  onLogHealthChange(listener: (health: LogHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fileUsable(): boolean {
    if (this.health.state === 'degraded' && this.now() < this.nextTry) return false;
    return this.fd !== undefined || this.tryOpen();
  }

  private tryOpen(): boolean {
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'a', 0o600);
      chmodSync(this.path, 0o600);
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  private failed(error: unknown): void {
    this.nextTry = this.now() + this.retryMs;
    const reason = errnoCode(error) ?? 'EIO';
    if (this.health.state === 'degraded' && this.health.reason === reason) return;
    const message = `The server's log ${this.path} cannot be written (${describe(reason)}, ${reason}); its lines go to stderr until it can.`;
    this.health = { state: 'degraded', path: this.path, reason, message, since: new Date(this.now()).toISOString() };
    this.fallback.write(`warning: ${message}\n`);
    this.notify();
  }

  private recovered(): void {
    if (this.health.state === 'ok') return;
    this.health = { state: 'ok' };
    this.fallback.write(`attune-ops: the server's log ${this.path} is writable again.\n`);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) {
      try {
        listener(this.health);
      } catch {
        // a listener's failure cannot be logged here (this is the log); the others still run
      }
    }
  }
}

function describe(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  return 'the file system refused the write';
}
