/**
 * The run history on disk: `<runsDir>/<workflow>/<id>.json` (the record, replaced
 * atomically) beside `<id>.log` (the lines). A missing `runsDir` is an empty history;
 * unreadable records are skipped and counted, never thrown. The scan reads small record
 * files synchronously in slices (several times faster than one promise per file on the
 * thread pool) and yields to the event loop between slices, so ten thousand runs index
 * well inside the startup budget without stalling requests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { join } from 'node:path';
import { stableJson, writeFileAtomic, writeFileAtomicNowSync } from '../../core/atomic-write.js';
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

  /** `write`, done before returning (no fsync): the first record of a run, with its pid, right after the spawn. */
  writeNow(record: RunRecord): void {
    writeFileAtomicNowSync(this.recordPath(record.workflow, record.id), stableJson(record));
  }

  async scan(): Promise<ScanResult> {
    const result: ScanResult = { runs: [], skipped: 0, problems: [] };
    const files: Array<{ workflow: string; id: string }> = [];
    for (const workflow of listDir(this.runsDir, '.', result)) {
      for (const name of listDir(join(this.runsDir, workflow), workflow, result)) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const id = name.slice(0, -'.json'.length);
        if (isValidRunId(id)) files.push({ workflow, id });
        else skip(result, join(workflow, name), 'the file name is not a valid run id');
      }
    }
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      this.scanOne(file.workflow, file.id, result);
      if (i % SCAN_SLICE === SCAN_SLICE - 1) await yieldToLoop();
    }
    return result;
  }

  /** One record as it is on disk now, or undefined when it is gone or unreadable (another server's run, re-read). */
  async read(workflow: string, id: string): Promise<StoredRun | undefined> {
    try {
      const text = await readFile(this.recordPath(workflow, id), 'utf8');
      const decoded = decodeRecord(text, id, workflow);
      if (decoded.kind === 'invalid') return undefined;
      return {
        record: { ...decoded.record, workflow },
        bytes: Buffer.byteLength(text) + (await this.logBytes(workflow, id)),
      };
    } catch {
      return undefined;
    }
  }

  /** The log lines inside an original-dashboard record (null when the record has none). */
  async legacyLines(workflow: string, id: string): Promise<string[] | null> {
    try {
      const decoded = decodeRecord(await readFile(this.recordPath(workflow, id), 'utf8'), id, workflow);
      return decoded.kind === 'ok' ? decoded.legacyLines : null;
    } catch {
      return null;
    }
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
    let text: string;
    try {
      text = readFileSync(this.recordPath(workflow, id), 'utf8');
    } catch (error) {
      skip(result, join(workflow, `${id}.json`), (error as NodeJS.ErrnoException).code ?? 'unreadable');
      return;
    }
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
