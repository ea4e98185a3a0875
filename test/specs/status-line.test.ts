/**
 * The spec status line forms docs/SPECS.md lists: bold (`**Status:**`, `**Status**:`) and
 * plain (`Status:`); lines in fenced code and look-alikes in lists are not status lines.
 */
import { describe, expect, it } from 'vitest';
import { leadingWord, readStatus } from '../../main/specs/status-line.js';
import { rewriteStatus } from '../../main/specs/status-rewrite.js';

describe('readStatus', () => {
  it.each([
    ['**Status:** Approved (2026-05-09)', 'Approved (2026-05-09)'],
    ['**Status**: approved', 'approved'],
    ['Status: approved', 'approved'],
    ['  Status:   in-review', 'in-review'],
  ])('reads %j', (line, value) => {
    expect(readStatus(`# Design\n\n${line}\n\nBody.\n`)).toBe(value);
  });

  it('ignores fenced code and returns null without a status line', () => {
    expect(readStatus('```\nStatus: approved\n```\n')).toBeNull();
    expect(readStatus('# Title\nstatus is fine\n')).toBeNull();
    expect(leadingWord(readStatus('Status: Approved (today)\n'))).toBe('approved');
  });
});

describe('rewriteStatus of a plain status line', () => {
  it('keeps the plain form', () => {
    const result = rewriteStatus('# Design\nStatus: draft\n', 'approved');
    expect(result).toMatchObject({ kind: 'changed', text: '# Design\nStatus: approved\n', previous: 'draft' });
  });
});
