/**
 * One reader's view of a run's log, live or finished: pages of encoded lines from a seq
 * on. A live run is served from its in-memory window; a reader behind the window, or any
 * reader of a finished run, is served from `<id>.log` (or from the `lines` of an original
 * dashboard record). `wait` tells the caller to await `changed` before asking again; `end`
 * means every line was given and the run is over. No line is given twice, none skipped:
 * a line the file cannot give back is a placeholder `system` line (log-reader.ts),
 * and the page says how many corrupt lines were met (`skipped`; the event stream adds a
 * `warning` event for them). Where to start in the file comes from the
 * index: the writer's own for a live run, the checked index file for a finished one.
 */
import { LogFileReader, type LogLimits } from './log-reader.js';
import { openLog } from './log-file-open.js';
import { seqOfLineAt, type LogIndexes } from './log-index-file.js';
import { seqAt, type IndexEntry } from './log-index.js';
import type { RunOutput, WindowForm } from './run-output.js';
import type { RunStore } from '../history/run-store.js';
import { encodeLogLine, type RunRecord } from '../run-types.js';

export type { LogLimits };

export type LogSourcePage =
  /** Consecutive lines from `firstSeq`; `skipped`: corrupt lines met (given as placeholders, see log-reader.ts). */
  | { kind: 'lines'; lines: string[]; nextSeq: number; firstSeq: number | null; skipped: number }
  /** `count` consecutive lines from `firstSeq`, as slices of bytes in the form asked (a live run's window: none corrupt). */
  | { kind: 'records'; form: WindowForm; parts: Buffer[]; count: number; nextSeq: number; firstSeq: number }
  | { kind: 'wait'; changed: Promise<void> }
  | { kind: 'end'; record: RunRecord };

export interface RunLogDeps {
  store: RunStore;
  live(id: string): { output: RunOutput; record: RunRecord } | undefined;
  record(id: string): RunRecord | undefined;
  /** The indexes of finished logs (log-index-file.ts). */
  indexes: LogIndexes;
}

export class RunLogSource {
  private readonly file: LogFileReader;
  private readonly path: string;
  private legacy: string[] | null | undefined;

  constructor(
    private readonly deps: RunLogDeps,
    private readonly run: RunRecord,
  ) {
    this.path = deps.store.logPath(run.workflow, run.id);
    this.file = new LogFileReader(this.path);
  }

  /** How many lines the log has so far (what is on disk for a live run; the record's count for a finished one). */
  async total(): Promise<number> {
    const live = this.deps.live(this.run.id);
    if (live) return live.output.persistedSeq;
    const record = this.deps.record(this.run.id) ?? this.run;
    if (record.legacy) return (await this.legacyLines(record)).length;
    if (record.status !== 'running') return record.lineCount;
    return this.lastSeqOnDisk();
  }

  /** The seq of the last whole line in the file (another server's live run: its record does not say yet). */
  private async lastSeqOnDisk(): Promise<number> {
    const opened = await openLog(this.path);
    if (opened.kind === 'missing') return 0;
    try {
      const size = opened.stats.size;
      const tail = Buffer.alloc(Math.min(size, 256 * 1024));
      const { bytesRead } = await opened.handle.read(tail, 0, tail.length, size - tail.length);
      const data = tail.subarray(0, bytesRead);
      const end = data.lastIndexOf(10);
      for (let at = data.lastIndexOf(10, end - 1); end > 0; at = data.lastIndexOf(10, at - 1)) {
        const seq = seqAt(data, at + 1);
        if (seq > 0) return seq;
        if (at < 0) break;
      }
      return (await this.finishedHint(Number.MAX_SAFE_INTEGER))?.seq ?? 0;
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
  }

  /**
   * Where to start reading `seq` of a log no longer written by this server: the index
   * entry at or before it (log-index-file.ts), checked against the line found there; an
   * entry that does not name that line makes the index rebuilt from the log.
   */
  private async finishedHint(seq: number): Promise<IndexEntry | undefined> {
    const opened = await openLog(this.path);
    if (opened.kind === 'missing') return undefined;
    try {
      let entry = (await this.deps.indexes.get(this.path, opened.handle, opened.stats, true)).seek(seq);
      if (entry.offset > 0 && (await seqOfLineAt(opened.handle, entry.offset)) !== entry.seq) {
        this.deps.indexes.forget(this.path);
        entry = (await this.deps.indexes.get(this.path, opened.handle, opened.stats, true, true)).seek(seq);
      }
      return entry;
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
  }

  /** The index hint for a live log (the writer's own index). */
  private liveHint(output: RunOutput, seq: number): IndexEntry {
    return output.writer.index.seek(seq);
  }

  /** `form`: what a window page is given as (a page from the file is always `lines`). */
  async next(fromSeq: number, limits: LogLimits, form: WindowForm = 'records'): Promise<LogSourcePage> {
    const live = this.deps.live(this.run.id);
    if (live) {
      const { output } = live;
      const fromWindow = output.read(fromSeq, limits.maxChars, limits.maxLines, form);
      if (fromWindow.kind === 'records' && fromWindow.count > 0) return { ...fromWindow, firstSeq: fromSeq };
      if (fromWindow.kind === 'behind') {
        const page = await this.file.read(fromSeq, limits, this.liveHint(output, fromSeq));
        if (page.lines.length > 0) return linesPage(page);
        // Nothing on disk below the window (the file was removed under us): continue at the window.
        return this.next(fromWindow.firstSeq, limits, form);
      }
      if (!output.finished) return { kind: 'wait', changed: output.changed() };
      return { kind: 'end', record: live.record };
    }
    const record = this.deps.record(this.run.id) ?? this.run;
    // A finished run's line count is known: lines missing at the end of its file become placeholders too.
    const page = record.legacy
      ? await this.legacyPage(record, fromSeq, limits)
      : await this.file.read(
          fromSeq,
          limits,
          fromSeq > 1 ? await this.finishedHint(fromSeq) : undefined,
          record.status === 'running' ? 0 : record.lineCount,
        );
    if (page.lines.length > 0) return linesPage(page);
    return { kind: 'end', record };
  }

  /** Lets go of the open log file. */
  async close(): Promise<void> {
    await this.file.close();
  }

  private async legacyLines(record: RunRecord): Promise<string[]> {
    return (this.legacy ??= (await this.deps.store.legacyLines(record.workflow, record.id)) ?? []);
  }

  private async legacyPage(
    record: RunRecord,
    fromSeq: number,
    limits: LogLimits,
  ): Promise<{ lines: string[]; nextSeq: number; firstSeq: number; skipped: 0 }> {
    const legacy = await this.legacyLines(record);
    const texts = legacy.slice(Math.max(0, fromSeq - 1), Math.max(0, fromSeq - 1) + limits.maxLines);
    const lines = texts.map((text, i) => encodeLogLine(fromSeq + i, record.startedAt, 'stdout', text));
    return { lines, nextSeq: fromSeq + lines.length, firstSeq: fromSeq, skipped: 0 };
  }
}

/** A file page as a source page (the same fields). */
function linesPage(page: {
  lines: string[];
  nextSeq: number;
  firstSeq: number | null;
  skipped: number;
}): LogSourcePage {
  return { kind: 'lines', lines: page.lines, nextSeq: page.nextSeq, firstSeq: page.firstSeq, skipped: page.skipped };
}

/** The `warning` event (and `/log` field) for corrupt lines met between seqs `from` and `to`. */
export function unreadableWarning(
  skipped: number,
  from: number,
  to: number,
): { kind: 'unreadable_lines'; skipped: number; fromSeq: number; toSeq: number; message: string } {
  const lines = skipped === 1 ? '1 line' : `${skipped} lines`;
  return {
    kind: 'unreadable_lines',
    skipped,
    fromSeq: from,
    toSeq: to,
    message: `${lines} of this run's log file could not be read (torn or corrupt) between lines ${from} and ${to}; each missing line is shown as "[line N could not be read]".`,
  };
}

/** The seq of an encoded line (they all start with `{"seq":N,`). */
export function seqOf(line: string): number {
  let n = 0;
  for (let i = 7; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}
