/**
 * The virtualized log: only the rows in view (plus overscan) exist in the DOM, each a
 * fixed-height line read from the LogStore at paint time, so a million lines cost the
 * same to show as a hundred. Rows carry `data-seq` (the seq the server sent) so tests can
 * check order, gaps and duplicates from the outside.
 *
 * The virtualizer is given a count rounded up in steps of about 1/8 of the log
 * (`paddedCount`): @tanstack/virtual re-measures all items whenever the count changes,
 * which at 10,000 lines/s on a large log would allocate megabytes per frame. The sizer's
 * height is the real line count, so the padding is never scrollable or visible.
 *
 * Follow-tail: while the view is scrolled to the bottom, new lines keep it there; scrolling
 * up stops following and the parent shows "Jump to latest". With a search, matches are
 * highlighted, and `filterOnly` shows only matching lines.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, type UIEvent } from 'react';
import { AnsiText } from './ansi';
import type { LogStore } from './log-store';

export const ROW_HEIGHT = 18;

/** The count handed to the virtualizer: exact up to 2,048, then rounded up geometrically. */
export function paddedCount(count: number): number {
  if (count <= 2048) return count;
  const step = 2 ** (Math.floor(Math.log2(count)) - 3);
  return Math.ceil(count / step) * step;
}

export interface LogViewProps {
  store: LogStore;
  version: number;
  query: string;
  /** Matching indexes (from useLogSearch), or null without a search. */
  matches: readonly number[] | null;
  filterOnly: boolean;
  following: boolean;
  onFollowingChange(following: boolean): void;
  label: string;
}

export function LogView({
  store,
  version,
  query,
  matches,
  filterOnly,
  following,
  onFollowingChange,
  label,
}: LogViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const filtered = filterOnly && matches !== null;
  const count = filtered ? matches.length : store.length;
  const virtualizer = useVirtualizer({
    count: paddedCount(count),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 24,
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (following && element) element.scrollTop = element.scrollHeight;
  }, [following, count, version]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const element = event.currentTarget;
      const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT * 1.5;
      if (atBottom !== following) onFollowingChange(atBottom);
    },
    [following, onFollowingChange],
  );

  return (
    <div
      ref={scrollRef}
      className="log-view"
      role="log"
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      onScroll={onScroll}
      data-testid="log-view"
      data-line-count={store.length}
      data-last-seq={store.lastSeq()}
    >
      <div className="log-view__sizer" style={{ height: count * ROW_HEIGHT }}>
        {virtualizer.getVirtualItems().map((item) => {
          if (item.index >= count) return null;
          const index = filtered ? (matches[item.index] ?? -1) : item.index;
          const line = store.lineAt(index);
          if (!line) return null;
          return (
            <div
              key={item.key}
              className={line.stderr ? 'log-line log-line--stderr' : 'log-line'}
              data-seq={line.seq}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <span className="log-line__no" aria-hidden="true">
                {line.seq}
              </span>
              {line.stderr && <span className="visually-hidden">stderr: </span>}
              <span className="log-line__text">
                <AnsiText text={line.text} highlight={query} />
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
