/**
 * The log view: fixed-height rows over a log of any size. The scrolled content is sized
 * from the log's total (capped and scaled past the browser's height limit, viewport.ts);
 * only the rows in view plus overscan exist in the DOM, read from LogPages at paint time,
 * and the pages of those rows are asked for after each paint. Rows carry `data-seq`; a
 * row whose page is still loading is a placeholder with `data-pending`.
 * Follow-tail: while at the bottom, new lines keep the view there; once scrolled up, the
 * view stays on the same lines while the log grows (the top row is the anchor, not
 * scrollTop, since the scale changes with the total). `target` scrolls to a seq.
 */
import { useCallback, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { AnsiText } from './ansi';
import type { LogPages } from './log-pages';
import { terminalText } from './terminal-text';
import { useFineScroll } from './use-fine-scroll';
import { geometry, ROW_HEIGHT, rowWindow, scrollTopFor, topRowAt, topRowToShow, type Geometry } from './viewport';

/** Used until the element has a layout height (and in a DOM without layout). */
const FALLBACK_VIEW_HEIGHT = 720;

export interface ScrollTarget {
  seq: number;
  /** A new object for every request, so going to the same line twice scrolls twice. */
  nonce: number;
}

export interface LogViewProps {
  pages: LogPages;
  version: number;
  /** Occurrences in the rows in view are marked (plain-text search). */
  highlight: string;
  /** The seq of the current search match / first error, outlined. */
  currentSeq: number | null;
  target: ScrollTarget | null;
  following: boolean;
  onFollowingChange(following: boolean): void;
  label: string;
}

export function LogView({
  pages,
  version,
  highlight,
  currentSeq,
  target,
  following,
  onFollowingChange,
  label,
}: LogViewProps) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [position, setPosition] = useState({ topRow: 0, scrollTop: 0 });
  const viewHeight = useViewHeight(element);
  const topRow = useRef(0);
  /** The scrollTop this view set last: its scroll event must not re-derive (and round) the top row. */
  const placed = useRef(-1);
  const total = pages.total;
  const g = geometry(total, viewHeight);

  const place = useCallback((view: HTMLDivElement, row: number, now: Geometry) => {
    topRow.current = Math.min(Math.max(0, row), now.maxTopRow);
    const top = scrollTopFor(topRow.current, now);
    if (Math.abs(view.scrollTop - top) > 0.5) view.scrollTop = top;
    placed.current = view.scrollTop;
    setPosition({ topRow: topRow.current, scrollTop: top });
  }, []);

  // Keep the view at the bottom while following, or on its top row while the log grows.
  useLayoutEffect(() => {
    if (element) place(element, following ? g.maxTopRow : topRow.current, g);
    // g is derived from total and the view height.
  }, [element, following, total, viewHeight, place]);

  useLayoutEffect(() => {
    if (!element || !target) return;
    onFollowingChange(false);
    place(element, topRowToShow(target.seq - 1, viewHeight), g);
  }, [element, target]);

  useFineScroll(element, total, viewHeight, (rows) => {
    if (!element) return;
    const now = geometry(pages.total, viewHeight);
    place(element, topRow.current + rows, now);
    if (topRow.current < now.maxTopRow - 1.5 && following) onFollowingChange(false);
    if (topRow.current >= now.maxTopRow - 1.5 && !following) onFollowingChange(true);
  });

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const view = event.currentTarget;
      const now = geometry(pages.total, view.clientHeight || FALLBACK_VIEW_HEIGHT);
      if (Math.abs(view.scrollTop - placed.current) >= 1) {
        placed.current = -1;
        topRow.current = topRowAt(view.scrollTop, now);
      }
      setPosition({ topRow: topRow.current, scrollTop: view.scrollTop });
      const atBottom = topRow.current >= now.maxTopRow - 1.5;
      if (atBottom !== following) onFollowingChange(atBottom);
    },
    [pages, following, onFollowingChange],
  );

  // While following, paint the bottom in this very render (not one frame later from a scroll event).
  const rows = following
    ? rowWindow(total, g.maxTopRow, g.maxScrollTop, viewHeight)
    : rowWindow(total, position.topRow, position.scrollTop, viewHeight);
  useLayoutEffect(() => {
    if (rows.last >= rows.first) pages.want(rows.first + 1, rows.last + 1);
  }, [pages, rows.first, rows.last, version]);

  const painted = [];
  for (let index = rows.first; index <= rows.last; index += 1) {
    const seq = index + 1;
    const top = rows.firstOffset + (index - rows.first) * ROW_HEIGHT;
    painted.push(
      <LogRow key={seq} pages={pages} seq={seq} top={top} highlight={highlight} current={seq === currentSeq} />,
    );
  }

  return (
    <div
      ref={setElement}
      className="log-view"
      role="log"
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      onScroll={onScroll}
      data-testid="log-view"
      data-line-count={total}
      data-last-seq={total}
    >
      <div className="log-view__sizer" style={{ height: g.contentHeight }}>
        {painted}
      </div>
    </div>
  );
}

/** The element's height, kept current through a ResizeObserver where there is one. */
function useViewHeight(element: HTMLElement | null): number {
  const [height, setHeight] = useState(FALLBACK_VIEW_HEIGHT);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || FALLBACK_VIEW_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return height;
}

interface LogRowProps {
  pages: LogPages;
  seq: number;
  top: number;
  highlight: string;
  current: boolean;
}

function LogRow({ pages, seq, top, highlight, current }: LogRowProps) {
  const line = pages.lineAt(seq);
  const style = { transform: `translateY(${top}px)` };
  if (!line) {
    return (
      <div className="log-line log-line--pending" data-pending={seq} style={style}>
        <span className="log-line__no" aria-hidden="true">
          {seq}
        </span>
        <span className="log-line__text muted">…</span>
      </div>
    );
  }
  const classes = ['log-line'];
  if (line.stream === 'stderr') classes.push('log-line--stderr');
  if (line.stream === 'system') classes.push('log-line--system');
  if (current) classes.push('log-line--current');
  return (
    <div className={classes.join(' ')} data-seq={seq} data-stream={line.stream} style={style}>
      <span className="log-line__no" aria-hidden="true">
        {seq}
      </span>
      <span className="log-line__stream">
        {line.stream === 'stderr' && (
          <span role="img" aria-label="stderr" title="Written to stderr">
            err
          </span>
        )}
      </span>
      <span className="log-line__text">
        <AnsiText text={terminalText(line.text)} highlight={highlight} />
      </span>
    </div>
  );
}
