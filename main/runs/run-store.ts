/**
 * The run history on disk: `<runsDir>/<workflow>/<id>.json` (the record, replaced
 * atomically) beside `<id>.log` (the lines). A missing `runsDir` is an empty history;
 * unreadable records are skipped and counted, never thrown. The scan reads records in
 * parallel so ten thousand runs index in well under the startup budget.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { decodeRecord } from './record-codec.js';
import { isValidRunId } from './run-id.js';
import type { RunRecord } from './run-types.js';

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

const SCAN_CONCURRENCY = 64;

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

  async scan(): Promise<ScanResult> {
    const result: ScanResult = { runs: [], skipped: 0, problems: [] };
    const files: Array<{ workflow: string; id: string }> = [];
    for (const workflow of await listDir(this.runsDir)) {
      for (const name of await listDir(join(this.runsDir, workflow))) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const id = name.slice(0, -'.json'.length);
        if (isValidRunId(id)) files.push({ workflow, id });
        else skip(result, join(workflow, name), 'the file name is not a valid run id');
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        await this.scanOne(file.workflow, file.id, result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, files.length) }, worker));
    return result;
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
    return stat(this.logPath(workflow, id)).then((s) => s.size, () => 0);
  }

  private async scanOne(workflow: string, id: string, result: ScanResult): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.recordPath(workflow, id), 'utf8');
    } catch (error) {
      skip(result, join(workflow, `${id}.json`), (error as NodeJS.ErrnoException).code ?? 'unreadable');
      return;
    }
    const decoded = decodeRecord(text, id, workflow);
    if (decoded.kind === 'invalid') {
      skip(result, join(workflow, `${id}.json`), decoded.reason);
      return;
    }
    const bytes = Buffer.byteLength(text) + (await this.logBytes(workflow, id));
    result.runs.push({ record: { ...decoded.record, workflow }, bytes });
  }
}

function skip(result: ScanResult, file: string, reason: string): void {
  result.skipped++;
  if (result.problems.length < 50) result.problems.push(`${file}: ${reason}`);
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}
