/**
 * The run history on disk: `<runsDir>/<workflow>/<id>.json` (the record, replaced
 * atomically) beside `<id>.log` (the lines). A missing `runsDir` is an empty history;
 * unreadable records are skipped and counted, never thrown; only regular files are read
 * (opened non-blocking and checked with fstat), so a FIFO, socket or folder where a record
 * is expected is skipped with its name and never blocks start-up. The scan reads small
 * record files synchronously in slices (several times faster than one promise per file on
 * the thread pool) and yields between slices, so ten thousand runs index well inside the
 * startup budget. The final record of a run is written with bounded retries (`writeRetrying`).
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { join } from 'node:path';
import { OpsError } from '../../core/errors.js';
import { stableJson, writeFileAtomic, writeFileAtomicNowSync } from '../../core/atomic-write.js';
import { readRegularFileText, kindOf } from '../../core/regular-file.js';
import { errnoCode } from '../../core/storage-error.js';
import { decodeRecord } from '../record-codec.js';
import { isValidRunId } from './run-id.js';
import type { RunRecord } from '../run-types.js';

export interface StoredRun {
  record: RunRecord;
  /** Bytes of the record and its log on disk (retention's size cap). */
  bytes: number;
}

export interface ScanResult {
  runs: StoredRun[];
  skipped: number;
  /** "file: reason" for each skipped file, for the log. */
  problems: string[];
}

const SCAN_SLICE = 250;
/** Pauses between attempts of a final record write: about 16 s in all, then the error stands. */
export const RECORD_RETRY_DELAYS_MS = [100, 200, 400, 800, 1600, 3200, 5000, 5000];

export class RunStore {
  constructor(readonly runsDir: string) {}

  recordPath(workflow: string, id: string): string {
    return join(this.runsDir, workflow, `${id}.json`);
  }

  logPath(workflow: string, id: string): string {
    return join(this.runsDir, workflow, `${id}.log`);
  }

  async write(record: RunRecord): Promise<void> {
    await writeFileAtomic(this.recordPath(record.workflow, record.id), stableJson(record));
  }

  /**
   * `write`, tried again after each delay while it fails with a storage error (a full or
   * read-only disk may recover): a run's final record must land, or the next start would
   * call the run `interrupted`. Throws the last error when every attempt failed.
   */
  async writeRetrying(
    record: RunRecord,
    wait: (ms: number) => Promise<void>,
    onRetry: (error: unknown, attempt: number) => void = () => undefined,
    delays: readonly number[] = RECORD_RETRY_DELAYS_MS,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.write(record);
        return;
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined || !(error instanceof OpsError && error.status >= 500)) throw error;
        onRetry(error, attempt + 1);
        await wait(delay);
      }
    }
  }

  /** `write`, done before returning (no fsync): the first record of a run, with its pid, right after the spawn. */
  writeNow(record: RunRecord): void {
    writeFileAtomicNowSync(this.recordPath(record.workflow, record.id), stableJson(record));
  }

  async scan(): Promise<ScanResult> {
    const result: ScanResult = { runs: [], skipped: 0, problems: [] };
    const files = this.listRecords(result);
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      this.scanOne(file.workflow, file.id, result);
      if (i % SCAN_SLICE === SCAN_SLICE - 1) await yieldToLoop();
    }
    return result;
  }

  /** The (workflow, id) of every record file name on disk; odd names are skipped into `result`. */
  listRecords(result: ScanResult = { runs: [], skipped: 0, problems: [] }): Array<{ workflow: string; id: string }> {
    const files: Array<{ workflow: string; id: string }> = [];
    for (const workflow of listDir(this.runsDir, '.', result)) {
      for (const name of listDir(join(this.runsDir, workflow), workflow, result)) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const id = name.slice(0, -'.json'.length);
        if (isValidRunId(id)) files.push({ workflow, id });
        else skip(result, join(workflow, name), 'the file name is not a valid run id');
      }
    }
    return files;
  }

  /** One record as it is on disk now, or undefined when it is gone or unreadable (another server's run, re-read). */
  async read(workflow: string, id: string): Promise<StoredRun | undefined> {
    const file = await readRegularFileText(this.recordPath(workflow, id));
    if (file.kind !== 'ok') return undefined;
    const decoded = decodeRecord(file.text, id, workflow);
    if (decoded.kind === 'invalid') return undefined;
    return {
      record: { ...decoded.record, workflow },
      bytes: Buffer.byteLength(file.text) + (await this.logBytes(workflow, id)),
    };
  }

  /** The log lines inside an original-dashboard record (null when the record has none). */
  async legacyLines(workflow: string, id: string): Promise<string[] | null> {
    const file = await readRegularFileText(this.recordPath(workflow, id));
    if (file.kind !== 'ok') return null;
    const decoded = decodeRecord(file.text, id, workflow);
    return decoded.kind === 'ok' ? decoded.legacyLines : null;
  }

  async remove(record: RunRecord): Promise<void> {
    await rm(this.recordPath(record.workflow, record.id), { force: true });
    await rm(this.logPath(record.workflow, record.id), { force: true });
  }

  async logBytes(workflow: string, id: string): Promise<number> {
    return stat(this.logPath(workflow, id)).then(
      (s) => s.size,
      () => 0,
    );
  }

  private scanOne(workflow: string, id: string, result: ScanResult): void {
    const file = readRegularFileSync(this.recordPath(workflow, id));
    if (file.kind !== 'ok') {
      skip(result, join(workflow, `${id}.json`), file.reason);
      return;
    }
    const text = file.text;
    const decoded = decodeRecord(text, id, workflow);
    if (decoded.kind === 'invalid') {
      skip(result, join(workflow, `${id}.json`), decoded.reason);
      return;
    }
    let logBytes = 0;
    try {
      logBytes = statSync(this.logPath(workflow, id)).size;
    } catch {
      // no log (an original dashboard record, or a run that never printed)
    }
    const bytes = Buffer.byteLength(text) + logBytes;
    result.runs.push({ record: { ...decoded.record, workflow }, bytes });
  }
}

/** A record's text when it is a regular file; never blocks (O_NONBLOCK open, then fstat on the descriptor). */
function readRegularFileSync(path: string): { kind: 'ok'; text: string } | { kind: 'skip'; reason: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errnoCode(error);
    return { kind: 'skip', reason: code === 'ENXIO' ? 'it is a socket, not a regular file' : (code ?? 'unreadable') };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'skip', reason: `it is ${kindOf(stats)}, not a regular file` };
    return { kind: 'ok', text: readFileSync(fd, 'utf8') };
  } catch (error) {
    return { kind: 'skip', reason: errnoCode(error) ?? 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

function skip(result: ScanResult, file: string, reason: string): void {
  result.skipped++;
  if (result.problems.length < 50) result.problems.push(`${file}: ${reason}`);
}

/** A folder's entries; a missing folder is empty (no runs yet), any other failure is a skipped entry with its reason. */
function listDir(path: string, label: string, result: ScanResult): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') skip(result, label, `the folder could not be listed (${code ?? 'error'})`);
    return [];
  }
}
