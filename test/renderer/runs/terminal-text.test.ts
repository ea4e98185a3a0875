/**
 * The carriage-return rule of the log view (renderer/src/log/terminal-text.ts): a line
 * shows what a terminal would, the text after the last `\r`; a trailing `\r` is ignored.
 */
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../../renderer/src/log/terminal-text';

describe('terminal text of a log line', () => {
  it('shows the text after the last carriage return', () => {
    expect(terminalText('progress 10%\rprogress 55%\rprogress 100%')).toBe('progress 100%');
  });

  it('ignores a trailing carriage return (CRLF output)', () => {
    expect(terminalText('done\r')).toBe('done');
    expect(terminalText('progress 10%\rprogress 100%\r')).toBe('progress 100%');
    expect(terminalText('\r')).toBe('');
  });

  it('leaves a line without a carriage return as it is', () => {
    expect(terminalText('plain line')).toBe('plain line');
    expect(terminalText('')).toBe('');
  });
});
