/**
 * Row-accurate wheel and keyboard scrolling for a log too long for the browser's height
 * limit: once the content is capped (viewport.ts), one pixel of native scrolling is more
 * than one row, so a wheel tick or an arrow key would skip lines. Then the wheel and the
 * arrow / page / Home / End keys are taken over and reported as a number of rows to move;
 * below the cap, native scrolling is left alone. The scrollbar drag stays native.
 */
import { useEffect, useRef } from 'react';
import { isScaled, ROW_HEIGHT } from './viewport';

const LINE_ROWS = 3;

export function useFineScroll(
  element: HTMLElement | null,
  total: number,
  viewHeight: number,
  move: (rows: number) => void,
): void {
  const latest = useRef(move);
  latest.current = move;
  const scaled = isScaled(total);

  useEffect(() => {
    if (!element || !scaled) return;
    const pageRows = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0 || event.ctrlKey) return;
      event.preventDefault();
      const rows =
        event.deltaMode === 1
          ? event.deltaY * LINE_ROWS
          : event.deltaMode === 2
            ? event.deltaY * pageRows
            : event.deltaY / ROW_HEIGHT;
      latest.current(rows);
    };
    const keys: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: pageRows,
      PageUp: -pageRows,
      End: Number.MAX_SAFE_INTEGER,
      Home: -Number.MAX_SAFE_INTEGER,
    };
    const onKey = (event: KeyboardEvent) => {
      const rows = keys[event.key];
      if (rows === undefined || event.target !== element) return;
      event.preventDefault();
      latest.current(rows);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('keydown', onKey);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('keydown', onKey);
    };
  }, [element, scaled, viewHeight]);
}
