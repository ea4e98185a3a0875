/**
 * One reader's view of a run's log, live or finished: pages of encoded lines from a seq
 * on. A live run is served from its in-memory window; a reader behind the window, or any
 * reader of a finished run, is served from `<id>.log` (or from the `lines` of an original
 * dashboard record). `wait` tells the caller to await `changed` before asking again; `end`
 * means every line was given and the run is over. No line is given twice, none skipped:
 * a line the file cannot give back is a placeholder `system` line (log-file-reader.ts),
 * and `events` then adds a `warning` event (no id, so resuming is unaffected) saying how
 * many corrupt lines were met in that stretch.
 */
import { formatEvent } from '../../server/sse.js';
import { toSseEvents } from './log-block.js';
import { LogFileReader, type FileEventsPage, type LogLimits } from './log-reader.js';
import type { LineEncoder } from './line-encoder.js';
import { openLog } from './log-file-open.js';
import { seqOfLineAt, type LogIndexes } from './log-index-file.js';
import type { IndexEntry } from './log-index.js';
import type { RunOutput } from './run-output.js';
import type { RunStore } from '../run-store.js';
import { encodeLogLine, type RunRecord } from '../run-types.js';

export type { LogLimits };

export type LogSourcePage =
  /** Consecutive lines from `firstSeq`; `skipped`: corrupt lines met (given as placeholders, see log-file-reader.ts). */
  | { kind: 'lines'; lines: string[]; nextSeq: number; firstSeq: number | null; skipped: number }
  | { kind: 'wait'; changed: Promise<void> }
  | { kind: 'end'; record: RunRecord };

export type EventsPage =
  | { kind: 'events'; texts: Array<string | Buffer>; nextSeq: number }
  | { kind: 'wait'; changed: Promise<void> }
  | { kind: 'end'; record: RunRecord };

export interface RunLogDeps {
  store: RunStore;
  live(id: string): { output: RunOutput; record: RunRecord } | undefined;
  record(id: string): RunRecord | undefined;
  /** The line encoder that turns file records into events in bulk (line-encoder.ts). */
  encoder(): LineEncoder;
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
    return (await this.finishedHint(Number.MAX_SAFE_INTEGER))?.seq ?? 0;
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

  async next(fromSeq: number, limits: LogLimits): Promise<LogSourcePage> {
    const live = this.deps.live(this.run.id);
    if (live) {
      const { output } = live;
      const fromWindow = output.read(fromSeq, limits.maxChars, limits.maxLines);
      if (fromWindow.kind === 'lines' && fromWindow.lines.length > 0)
        return { kind: 'lines', lines: fromWindow.lines, nextSeq: fromWindow.nextSeq, firstSeq: fromSeq, skipped: 0 };
      if (fromWindow.kind === 'behind') {
        const page = await this.file.read(fromSeq, limits, this.liveHint(output, fromSeq));
        if (page.lines.length > 0)
          return {
            kind: 'lines',
            lines: page.lines,
            nextSeq: page.nextSeq,
            firstSeq: page.firstSeq,
            skipped: page.skipped,
          };
        // Nothing on disk below the window (the file was removed under us): continue at the window.
        return this.next(fromWindow.firstSeq, limits);
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
    if (page.lines.length > 0)
      return {
        kind: 'lines',
        lines: page.lines,
        nextSeq: page.nextSeq,
        firstSeq: page.firstSeq,
        skipped: page.skipped,
      };
    return { kind: 'end', record };
  }

  /**
   * `line` events from `fromSeq` on, as whole events (see log-block.ts): live lines
   * straight from the window's blocks, older ones from the file (the same lines as
   * `next`, converted in bulk where the records are well-formed).
   */
  async events(fromSeq: number, limits: LogLimits): Promise<EventsPage> {
    const live = this.deps.live(this.run.id);
    if (live) {
      const { output } = live;
      const fromWindow = output.readEvents(fromSeq, limits.maxChars);
      if (fromWindow.kind === 'events' && fromWindow.texts.length > 0) return fromWindow;
      if (fromWindow.kind === 'events')
        return output.finished ? { kind: 'end', record: live.record } : { kind: 'wait', changed: output.changed() };
      const page = await this.file.readEvents(fromSeq, limits, this.deps.encoder(), this.liveHint(output, fromSeq));
      if (page.count > 0) return eventsOf(page, fromSeq);
      // Nothing on disk below the window (the file was removed under us): continue at the window.
      return this.events(fromWindow.firstSeq, limits);
    }
    const record = this.deps.record(this.run.id) ?? this.run;
    if (record.legacy) {
      const page = await this.legacyPage(record, fromSeq, limits);
      return page.lines.length > 0
        ? { kind: 'events', texts: [toSseEvents(`${page.lines.join('\n')}\n`)], nextSeq: page.nextSeq }
        : { kind: 'end', record };
    }
    const page = await this.file.readEvents(
      fromSeq,
      limits,
      this.deps.encoder(),
      fromSeq > 1 ? await this.finishedHint(fromSeq) : undefined,
      record.status === 'running' ? 0 : record.lineCount,
    );
    return page.count > 0 ? eventsOf(page, fromSeq) : { kind: 'end', record };
  }

  /** A live reader's progress after a batch its client took (RunOutput.pace); no effect once the run ended. */
  pace(reader: object, nextSeq: number, keepingUp: boolean): void {
    this.deps.live(this.run.id)?.output.pace(reader, nextSeq, keepingUp);
  }

  /** Pauses a live run's producer until `unhold` or `release` (run-pacing.ts). */
  hold(reader: object): void {
    this.deps.live(this.run.id)?.output.hold(reader);
  }

  /** The reader's socket drained (a hold for being far behind stays). */
  unhold(reader: object): void {
    this.deps.live(this.run.id)?.output.unhold(reader);
  }

  /** The reader holds nothing any more. */
  release(reader: object): void {
    this.deps.live(this.run.id)?.output.release(reader);
  }

  /** Lets go of the open log file and of any hold on the producer (an event stream calls it when it ends). */
  async close(reader?: object): Promise<void> {
    if (reader) this.release(reader);
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

/** A file page as events, with a `warning` event after them when corrupt lines were met. */
function eventsOf(page: FileEventsPage, fromSeq: number): EventsPage {
  const texts = page.events;
  if (page.skipped > 0)
    texts.push(formatEvent({ event: 'warning', data: unreadableWarning(page.skipped, fromSeq, page.nextSeq - 1) }));
  return { kind: 'events', texts, nextSeq: page.nextSeq };
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
