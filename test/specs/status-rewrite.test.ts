import { describe, expect, it } from 'vitest';
import { readStatus } from '../../main/specs/status-line.js';
import { rewriteStatus, type FlipStatus } from '../../main/specs/status-rewrite.js';

/** Byte-level before/after fixtures; `after: null` means the file must stay as it is. */
const changes: { name: string; before: string; status: FlipStatus; after: string }[] = [
  {
    name: 'replaces the status word only',
    before: '# T\n\n**Status:** draft\n\nBody\n',
    status: 'approved',
    after: '# T\n\n**Status:** approved\n\nBody\n',
  },
  {
    name: 'keeps a " (…" annotation',
    before: '# T\n**Status:** approved (2026-05-09)\n',
    status: 'complete',
    after: '# T\n**Status:** complete (2026-05-09)\n',
  },
  {
    name: 'keeps a " — …" annotation',
    before: '**Status:** Draft — needs a second reader\n',
    status: 'in-review',
    after: '**Status:** in-review — needs a second reader\n',
  },
  {
    name: 'keeps a " - …" annotation',
    before: '**Status:** approved - by Ana\n',
    status: 'complete',
    after: '**Status:** complete - by Ana\n',
  },
  {
    name: 'keeps a ", …" annotation',
    before: '**Status:** in-review, round 2\n',
    status: 'approved',
    after: '**Status:** approved, round 2\n',
  },
  {
    name: 'accepts the **Status**: form',
    before: '# T\n**Status**: draft\n',
    status: 'approved',
    after: '# T\n**Status**: approved\n',
  },
  {
    name: 'keeps CRLF line endings everywhere',
    before: '# T\r\n\r\n**Status:** draft\r\n\r\nBody\r\n',
    status: 'complete',
    after: '# T\r\n\r\n**Status:** complete\r\n\r\nBody\r\n',
  },
  {
    name: 'keeps mixed line endings and a missing final newline',
    before: '# T\r\n**Status:** draft\nBody',
    status: 'approved',
    after: '# T\r\n**Status:** approved\nBody',
  },
  {
    name: 'keeps a byte-order mark',
    before: '\uFEFF# T\n**Status:** draft\n',
    status: 'approved',
    after: '\uFEFF# T\n**Status:** approved\n',
  },
  {
    name: 'changes only the first status line',
    before: '**Status:** draft\n\n**Status:** draft\n',
    status: 'approved',
    after: '**Status:** approved\n\n**Status:** draft\n',
  },
  {
    name: 'ignores status-looking lines inside fenced code',
    before: '# T\n```\nStatus: example\n```\n**Status:** draft\n',
    status: 'approved',
    after: '# T\n```\nStatus: example\n```\n**Status:** approved\n',
  },
  {
    name: 'inserts a status line under the first # heading',
    before: '# Title\n\nBody\n',
    status: 'draft',
    after: '# Title\n\n**Status:** draft\n\nBody\n',
  },
  {
    name: 'inserts with a blank line after when the body follows the heading directly',
    before: 'intro\n# Title\nBody\n',
    status: 'draft',
    after: 'intro\n# Title\n\n**Status:** draft\n\nBody\n',
  },
  {
    name: "inserts with the file's CRLF endings",
    before: '# Title\r\nBody\r\n',
    status: 'in-review',
    after: '# Title\r\n\r\n**Status:** in-review\r\n\r\nBody\r\n',
  },
  {
    name: 'inserts under a heading that ends the file',
    before: '# Title',
    status: 'draft',
    after: '# Title\n\n**Status:** draft\n',
  },
  {
    name: 'inserts at the top of a file without a # heading',
    before: 'Just notes\n',
    status: 'draft',
    after: '**Status:** draft\n\nJust notes\n',
  },
];

const refusals: { name: string; before: string }[] = [
  { name: 'a status-like line in none of the accepted forms', before: '# T\nSTATUS: draft\n' },
  { name: 'a bulleted bold status', before: '# T\n- **Status:** draft\n' },
  { name: 'a lower-case bold status', before: '# T\n**status:** draft\n' },
  { name: 'a non-strict status line next to a strict one', before: '# T\n_Status_: approved\n**Status:** draft\n' },
  { name: 'a value whose leading word is not a known status', before: '# T\n**Status:** WIP\n' },
  { name: 'a two-word status', before: '# T\n**Status:** in review\n' },
  { name: 'text after the word that is not an annotation', before: '# T\n**Status:** approved by Bob\n' },
  { name: 'an empty value', before: '# T\n**Status:**\n' },
  { name: 'a decorated value', before: '# T\r\n**Status:** `approved`\r\n' },
];

describe('status rewrite', () => {
  for (const fixture of changes) {
    it(fixture.name, () => {
      const result = rewriteStatus(fixture.before, fixture.status);
      expect(result.kind).toBe('changed');
      expect(result.kind === 'changed' && Buffer.from(result.text)).toEqual(Buffer.from(fixture.after));
      expect(readStatus(fixture.after)?.toLowerCase().startsWith(fixture.status)).toBe(true);
    });
  }

  it('is idempotent: the same status again is unchanged, whatever its case or annotation', () => {
    expect(rewriteStatus('**Status:** Approved (2026-05-09)\n', 'approved')).toEqual({
      kind: 'unchanged',
      line: 1,
      previous: 'Approved (2026-05-09)',
    });
    const once = rewriteStatus('# T\n\n**Status:** draft\n', 'complete');
    expect(once.kind === 'changed' && rewriteStatus(once.text, 'complete').kind).toBe('unchanged');
  });

  for (const fixture of refusals) {
    it(`refuses ${fixture.name}`, () => {
      const result = rewriteStatus(fixture.before, 'complete');
      expect(result).toMatchObject({ kind: 'unsafe', line: 2, reason: expect.stringMatching(/by hand/) });
    });
  }
});
