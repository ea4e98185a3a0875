/**
 * ANSI rendering of log lines (renderer/src/log/ansi.tsx): SGR colours become spans with
 * classes, 256/true colours a CSS colour, search terms <mark>, and the text of a line is
 * never interpreted as HTML.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ansiSegments, AnsiText, stripAnsi } from '../../../renderer/src/log/ansi';

afterEach(cleanup);

describe('ANSI rendering', () => {
  it('renders coloured and bold segments as spans with classes', () => {
    const { container } = render(<AnsiText text={'\u001b[31mFAIL\u001b[0m src/a.test.ts \u001b[1;32mok\u001b[0m'} />);
    const red = container.querySelector('.ansi-red-fg');
    expect(red?.textContent).toBe('FAIL');
    const green = container.querySelector('.ansi-green-fg');
    expect(green?.textContent).toBe('ok');
    expect(green?.classList.contains('ansi-bold')).toBe(true);
    expect(container.textContent).toBe('FAIL src/a.test.ts ok');
  });

  it('maps 256-colour and truecolour codes to a CSS colour', () => {
    expect(ansiSegments('\u001b[38;5;196mx')[0]?.style?.color).toBe('rgb(255, 0, 0)');
    expect(ansiSegments('\u001b[38;2;10;20;30my')[0]?.style?.color).toBe('rgb(10, 20, 30)');
    expect(ansiSegments('plain')).toEqual([{ text: 'plain', classes: [] }]);
  });

  it('shows markup in a line as text, never as HTML', () => {
    const { container } = render(<AnsiText text={'<img src=x onerror=alert(1)> \u001b[33m<b>warn</b>\u001b[0m'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)> <b>warn</b>');
  });

  it('highlights every case-insensitive match of the search term inside coloured text', () => {
    const { container } = render(<AnsiText text={'\u001b[31mError\u001b[0m: another error'} highlight="error" />);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Error', 'error']);
    expect(container.querySelector('.ansi-red-fg mark')).not.toBeNull();
  });

  it('strips escape codes for copy', () => {
    expect(stripAnsi('\u001b[1;31mboom\u001b[0m done')).toBe('boom done');
  });
});
