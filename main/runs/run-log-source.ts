/**
 * One reader's view of a run's log, live or finished: pages of encoded lines from a seq
 * on. A live run is served from its in-memory window; a reader behind the window, or any
 * reader of a finished run, is served from `<id>.log` (or from the `lines` of an original
 * dashboard record). `wait` tells the caller to await `changed` before asking again; `end`
 * means every line was given and the run is over. No line is given twice, none skipped.
 */
import { toSseEvents } from './log-block.js';
import { LogFileReader } from './log-file-reader.js';
import type { RunOutput } from './run-output.js';
import type { RunStore } from './run-store.js';
import { encodeLogLine, type RunRecord } from './run-types.js';

export interface LogLimits {
  maxLines: number;
  maxChars: number;
}

export type LogSourcePage =
  /** `firstSeq` is set when the lines' seqs are consecutive from it (null: read each line's). */
  | { kind: 'lines'; lines: string[]; nextSeq: number; firstSeq: number | null }
  | { kind: 'wait'; changed: Promise<void> }
  | { kind: 'end'; record: RunRecord };

export type EventsPage = { kind: 'events'; texts: string[]; nextSeq: number } | { kind: 'wait'; changed: Promise<void> } | { kind: 'end'; record: RunRecord };

export interface RunLogDeps {
  store: RunStore;
  live(id: string): { output: RunOutput; record: RunRecord } | undefined;
  record(id: string): RunRecord | undefined;
}

export class RunLogSource {
  private readonly file: LogFileReader;
  private legacy: string[] | null | undefined;

  constructor(
    private readonly deps: RunLogDeps,
    private readonly run: RunRecord,
  ) {
    this.file = new LogFileReader(deps.store.logPath(run.workflow, run.id));
  }

  async next(fromSeq: number, limits: LogLimits): Promise<LogSourcePage> {
    const live = this.deps.live(this.run.id);
    if (live) {
      const { output } = live;
      const fromWindow = output.read(fromSeq, limits.maxChars);
      if (fromWindow.kind === 'lines' && fromWindow.lines.length > 0) return { kind: 'lines', lines: fromWindow.lines, nextSeq: fromWindow.nextSeq, firstSeq: fromSeq };
      if (fromWindow.kind === 'behind') {
        const page = await this.file.read(fromSeq, limits, output.writer.hint(fromSeq));
        if (page.lines.length > 0) return { kind: 'lines', lines: page.lines, nextSeq: page.nextSeq, firstSeq: page.firstSeq };
        // Nothing on disk below the window (the file was removed under us): continue at the window.
        return this.next(fromWindow.firstSeq, limits);
      }
      if (!output.finished) return { kind: 'wait', changed: output.changed() };
      return { kind: 'end', record: live.record };
    }
    const record = this.deps.record(this.run.id) ?? this.run;
    const page = record.legacy ? await this.legacyPage(record, fromSeq, limits) : await this.file.read(fromSeq, limits);
    if (page.lines.length > 0) return { kind: 'lines', lines: page.lines, nextSeq: page.nextSeq, firstSeq: page.firstSeq };
    return { kind: 'end', record };
  }

  /**
   * `line` events from `fromSeq` on, as strings of whole events (see log-block.ts):
   * live lines straight from the window's blocks, older ones from the file like `next`.
   */
  async events(fromSeq: number, limits: LogLimits): Promise<EventsPage> {
    const live = this.deps.live(this.run.id);
    if (live) {
      const fromWindow = live.output.readEvents(fromSeq, limits.maxChars);
      if (fromWindow.kind === 'events' && fromWindow.texts.length > 0) return fromWindow;
      if (fromWindow.kind === 'events') return live.output.finished ? { kind: 'end', record: live.record } : { kind: 'wait', changed: live.output.changed() };
    }
    const page = await this.next(fromSeq, limits);
    if (page.kind !== 'lines') return page;
    return { kind: 'events', texts: [toSseEvents(`${page.lines.join('\n')}\n`)], nextSeq: page.nextSeq };
  }

  private async legacyPage(record: RunRecord, fromSeq: number, limits: LogLimits): Promise<{ lines: string[]; nextSeq: number; firstSeq: number }> {
    this.legacy ??= (await this.deps.store.legacyLines(record.workflow, record.id)) ?? [];
    const texts = this.legacy.slice(Math.max(0, fromSeq - 1), Math.max(0, fromSeq - 1) + limits.maxLines);
    const lines = texts.map((text, i) => encodeLogLine(fromSeq + i, record.startedAt, 'stdout', text));
    return { lines, nextSeq: fromSeq + lines.length, firstSeq: fromSeq };
  }
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
