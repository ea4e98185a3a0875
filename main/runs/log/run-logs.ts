/**
 * Everything the API reads of run logs, live or finished: pages from a seq or the tail
 * (through the index, so any page costs its own size), search, the first error, the
 * plain-text download, and `subscribe` — an async iterator of the log's records as bytes
 * from any seq on, for the event stream. It pulls a page only when its consumer asks
 * for the next one (back-pressure); it never holds the run: a consumer behind the
 * in-memory window is served from the file (run-log-source.ts) and catches up.
 */
import type { LogLine, RunRecord } from '../run-types.js';
import { errorRuleOf, type ErrorRule } from './first-error.js';
import { openLog } from './log-file-open.js';
import { LogIndexes } from './log-index-file.js';
import { scanLog } from './log-scan.js';
import { searchLog, searchTexts, type SearchQuery, type SearchResult } from './log-search.js';
import { linesToEvents, recordsToEvents, splitLines } from './log-block.js';
import { decodeLogLine } from './record-check.js';
import { RunLogSource, seqOf, unreadableWarning, type LogSourcePage, type RunLogDeps } from './run-log-source.js';

export type RunLogsDeps = Omit<RunLogDeps, 'indexes'>;

export interface LogPageAnswer {
  lines: LogLine[];
  nextFrom: number;
  done: boolean;
  skipped: number;
  warning?: string;
  total: number;
}

export type LogChunk =
  /** Consecutive records from `firstSeq` as `line` events (log-block.ts `recordsToEvents`), in pieces to write in order. */
  | { kind: 'events'; parts: Buffer[]; firstSeq: number; count: number }
  /** Corrupt lines met in the chunk before (given as placeholders). */
  | { kind: 'warning'; warning: ReturnType<typeof unreadableWarning> }
  | { kind: 'end'; record: RunRecord };

const SUBSCRIBE_PAGE = { maxLines: 10_000, maxChars: 512 * 1024 };

export class RunLogs {
  private readonly indexes = new LogIndexes();

  constructor(private readonly deps: RunLogsDeps) {}

  /** Throws the 409 `invalid_file` when the log is not a regular file (before a stream or download starts). */
  async check(run: RunRecord): Promise<void> {
    const opened = await openLog(this.path(run));
    if (opened.kind === 'ok') await opened.handle.close().catch(() => undefined);
  }

  source(run: RunRecord): RunLogSource {
    return new RunLogSource({ ...this.deps, indexes: this.indexes }, run);
  }

  /** `/log`: `limit` lines from `from`, or the last `tail` lines. */
  async page(run: RunRecord, at: { from: number } | { tail: number }, limit: number): Promise<LogPageAnswer> {
    const source = this.source(run);
    try {
      const total = await source.total();
      const from = 'from' in at ? at.from : Math.max(1, total - at.tail + 1);
      const page = linesOf(
        await source.next(from, { maxLines: 'tail' in at ? at.tail : limit, maxChars: 8 * 1024 * 1024 }),
      );
      const skipped = page.kind === 'lines' ? page.skipped : 0;
      return {
        lines: page.kind === 'lines' ? page.lines.map(decode) : [],
        nextFrom: page.kind === 'lines' ? page.nextSeq : from,
        done: page.kind === 'end',
        skipped,
        ...(skipped > 0 &&
          page.kind === 'lines' && { warning: unreadableWarning(skipped, from, page.nextSeq - 1).message }),
        total: Math.max(total, page.kind === 'lines' ? page.nextSeq - 1 : 0),
      };
    } finally {
      await source.close();
    }
  }

  async search(run: RunRecord, query: SearchQuery): Promise<SearchResult> {
    const source = this.source(run);
    const record = this.deps.record(run.id) ?? run;
    if (record.legacy) return searchTexts((await this.legacyTexts(run)) ?? [], query);
    return searchLog(this.path(run), await source.total(), query);
  }

  /** The first line that looks like an error (first-error.ts), or null. */
  async firstError(run: RunRecord): Promise<{ seq: number; text: string; rule: ErrorRule } | null> {
    let found: { seq: number; text: string; rule: ErrorRule } | null = null;
    const record = this.deps.record(run.id) ?? run;
    if (record.legacy) {
      const texts = (await this.legacyTexts(run)) ?? [];
      for (let i = 0; i < texts.length && !found; i++) {
        const rule = errorRuleOf('stdout', texts[i]!);
        if (rule) found = { seq: i + 1, text: texts[i]!, rule };
      }
      return found;
    }
    await scanLog(this.path(run), {
      maxSeq: await this.source(run).total(),
      deadline: Number.POSITIVE_INFINITY,
      visit: (seq, stream, text) => {
        const rule = errorRuleOf(stream, text);
        if (rule) found = { seq, text, rule };
        return !found;
      },
    });
    return found;
  }

  /** The log's records from `fromSeq` on, then its end once the run is over. */
  async *subscribe(run: RunRecord, fromSeq: number): AsyncGenerator<LogChunk> {
    const source = this.source(run);
    try {
      let next = Math.max(1, fromSeq);
      for (;;) {
        const page = await source.next(next, SUBSCRIBE_PAGE, 'events');
        if (page.kind === 'end') {
          yield { kind: 'end', record: page.record };
          return;
        }
        if (page.kind === 'wait') {
          await page.changed;
          continue;
        }
        const firstSeq = page.firstSeq ?? next;
        if (page.kind === 'records') {
          const parts = page.form === 'events' ? page.parts : [recordsToEvents(Buffer.concat(page.parts))];
          yield { kind: 'events', parts, firstSeq, count: page.count };
          next = page.nextSeq;
          continue;
        }
        yield { kind: 'events', parts: [linesToEvents(firstSeq, page.lines)], firstSeq, count: page.lines.length };
        if (page.skipped > 0)
          yield { kind: 'warning', warning: unreadableWarning(page.skipped, firstSeq, page.nextSeq - 1) };
        next = page.nextSeq;
      }
    } finally {
      await source.close();
    }
  }

  /** The log so far as plain text; stderr and runner lines are prefixed so they stay visible. */
  async *text(run: RunRecord): AsyncGenerator<string> {
    const source = this.source(run);
    try {
      let from = 1;
      for (;;) {
        const page = linesOf(await source.next(from, { maxLines: 5000, maxChars: 1024 * 1024 }));
        if (page.kind !== 'lines') return;
        yield page.lines.map(toText).join('');
        from = page.nextSeq;
      }
    } finally {
      await source.close();
    }
  }

  private path(run: RunRecord): string {
    return this.deps.store.logPath(run.workflow, run.id);
  }

  private legacyTexts(run: RunRecord): Promise<string[] | null> {
    return this.deps.store.legacyLines(run.workflow, run.id);
  }
}

/** A page as lines (the window's records split; nothing in them is corrupt). */
function linesOf(page: LogSourcePage): Exclude<LogSourcePage, { kind: 'records' }> {
  if (page.kind !== 'records') return page;
  if (page.form !== 'records') throw new Error('linesOf takes a page of records');
  const lines = splitLines(Buffer.concat(page.parts).toString('utf8'));
  return { kind: 'lines', lines, nextSeq: page.nextSeq, firstSeq: page.firstSeq, skipped: 0 };
}

/** Lines from the source are checked (record-check.ts); one that still does not decode shows as a placeholder, never a 500. */
function decode(encoded: string): LogLine {
  const line = decodeLogLine(encoded);
  if (line) return line;
  const seq = seqOf(encoded);
  return { seq, t: '', stream: 'system', text: `[line ${seq} could not be read]` };
}

function toText(encoded: string): string {
  const line = decode(encoded);
  return line.stream === 'stderr'
    ? `[stderr] ${line.text}\n`
    : line.stream === 'system'
      ? `[runner] ${line.text}\n`
      : `${line.text}\n`;
}
