/**
 * Tightens what the server keeps under the attune home: the home folder itself and
 * everything under `<home>/ops` become 0700 (folders) / 0600 (files), so files created
 * before this version (or by a looser umask) are not readable by other users. Symbolic
 * links are not followed; other tools' folders beside `ops` (e.g. telemetry) are left
 * alone. Never throws: what could not be tightened is returned with the reason.
 */
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode } from './storage-error.js';

export interface SecureHomeReport {
  /** Paths whose mode was changed. */
  tightened: string[];
  /** Paths that could not be checked or changed, with the errno code. */
  problems: Array<{ path: string; reason: string }>;
}

export async function secureHome(home: string): Promise<SecureHomeReport> {
  const report: SecureHomeReport = { tightened: [], problems: [] };
  await tighten(home, report, false);
  await tighten(join(home, 'ops'), report, true);
  return report;
}

async function tighten(path: string, report: SecureHomeReport, recurse: boolean): Promise<void> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') report.problems.push({ path, reason: errnoCode(error) ?? String(error) });
    return;
  }
  if (!stats.isFile() && !stats.isDirectory()) return;
  const wanted = stats.isDirectory() ? 0o700 : 0o600;
  if ((stats.mode & 0o777) !== wanted) {
    try {
      await chmod(path, wanted);
      report.tightened.push(path);
    } catch (error) {
      report.problems.push({ path, reason: errnoCode(error) ?? String(error) });
    }
  }
  if (!recurse || !stats.isDirectory()) return;
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    report.problems.push({ path, reason: errnoCode(error) ?? String(error) });
    return;
  }
  for (const name of names) await tighten(join(path, name), report, true);
}
