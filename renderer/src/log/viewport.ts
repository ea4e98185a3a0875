/**
 * The scroll geometry of the log view, pure. Rows have one fixed height, so the row at
 * the top of the view follows from scrollTop by arithmetic, for any number of rows. A
 * browser cannot lay out an element taller than about 16–33 million px (10M rows of 18 px
 * would be 180M px), so the scrolled content is capped at MAX_SCROLL_PX and the top row is
 * scrollTop scaled by (rows that can be at the top) ÷ (pixels that can be scrolled); below
 * the cap the scale is exactly 1 row per ROW_HEIGHT px, as a plain list.
 * (A general-purpose virtualizer keeps one measurement object per row, which 10M rows
 * cannot afford, and it cannot scale past the browser's height limit.)
 */

export const ROW_HEIGHT = 18;
export const MAX_SCROLL_PX = 8_000_000;

export interface Geometry {
  /** Height of the scrolled content, px. */
  contentHeight: number;
  /** The largest top row (fractional): total − rows that fit. */
  maxTopRow: number;
  /** The largest scrollTop. */
  maxScrollTop: number;
}

export function geometry(total: number, viewHeight: number, rowHeight = ROW_HEIGHT, cap = MAX_SCROLL_PX): Geometry {
  const contentHeight = Math.min(total * rowHeight, cap);
  const maxTopRow = Math.max(0, total - viewHeight / rowHeight);
  const maxScrollTop = Math.max(0, contentHeight - viewHeight);
  return { contentHeight, maxTopRow, maxScrollTop };
}

/** The (fractional, 0-based) row at the top of the view for a scrollTop. */
export function topRowAt(scrollTop: number, g: Geometry): number {
  if (g.maxScrollTop <= 0) return 0;
  return (Math.min(Math.max(0, scrollTop), g.maxScrollTop) / g.maxScrollTop) * g.maxTopRow;
}

/** The scrollTop that puts (fractional, 0-based) row `topRow` at the top of the view. */
export function scrollTopFor(topRow: number, g: Geometry): number {
  if (g.maxTopRow <= 0) return 0;
  return (Math.min(Math.max(0, topRow), g.maxTopRow) / g.maxTopRow) * g.maxScrollTop;
}

export interface RowWindow {
  /** 0-based rows to render, [first, last] inclusive (empty when last < first). */
  first: number;
  last: number;
  /** Where row `first` sits in the content box, px. */
  firstOffset: number;
}

/**
 * The rows to render with (fractional) row `topRow` at the top of a view scrolled to
 * `scrollTop`, with `overscan` rows either side. The top row is kept apart from scrollTop:
 * past the cap one pixel is more than one row, so fine scrolling moves the row, not the pixel.
 */
export function rowWindow(
  total: number,
  topRow: number,
  scrollTop: number,
  viewHeight: number,
  overscan = 12,
  rowHeight = ROW_HEIGHT,
): RowWindow {
  const first = Math.max(0, Math.floor(topRow) - overscan);
  const last = Math.min(total - 1, Math.ceil(topRow + viewHeight / rowHeight) + overscan);
  return { first, last, firstOffset: scrollTop + (first - topRow) * rowHeight };
}

/** True when the content is capped, so the scrollbar moves more than one row per pixel. */
export function isScaled(total: number, rowHeight = ROW_HEIGHT, cap = MAX_SCROLL_PX): boolean {
  return total * rowHeight > cap;
}

/** The top row that shows 0-based row `row` in the view, about a third from the top. */
export function topRowToShow(row: number, viewHeight: number, rowHeight = ROW_HEIGHT): number {
  return Math.max(0, row - Math.floor(viewHeight / rowHeight / 3));
}
