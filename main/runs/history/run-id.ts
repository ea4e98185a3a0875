/**
 * Run ids: `YYYYMMDDTHHMMSSmmmZ-<6 hex>`. They sort by start time as plain strings (the
 * index and the history order rely on that) and match `RUN_ID_PATTERN`, which the UI
 * routes on and every route checks before touching the disk.
 */
import { randomBytes } from 'node:crypto';

export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function newRunId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function isValidRunId(id: string): boolean {
  return RUN_ID_PATTERN.test(id);
}
