/**
 * The freshness line of each spend figure: cached numbers must never look live, and a
 * failed refresh must say why.
 */
import { describe, expect, it } from 'vitest';
import { describeFreshness } from '../../renderer/src/pages/overview/freshness';

const now = Date.parse('2026-11-24T12:00:00Z');
const sixMinutesAgo = '2026-11-24T11:54:00Z';

describe('describeFreshness', () => {
  it('says "live" for figures this process just fetched', () => {
    expect(describeFreshness({ source: 'live', fetchedAt: sixMinutesAgo, stale: false }, null, now)).toEqual({
      tone: 'live',
      text: 'live',
    });
  });

  it('says when cached figures were fetched', () => {
    expect(describeFreshness({ source: 'cached', fetchedAt: sixMinutesAgo, stale: false }, null, now)).toEqual({
      tone: 'cached',
      text: 'cached · fetched 6 min ago',
    });
  });

  it('says why the last refresh failed, whatever the source', () => {
    const error = { message: 'The Admin API failed with HTTP 500; retrying automatically.' };
    expect(describeFreshness({ source: 'live', fetchedAt: sixMinutesAgo, stale: true }, error, now)).toEqual({
      tone: 'stale',
      text: 'stale — last refresh failed: The Admin API failed with HTTP 500; retrying automatically.',
    });
  });

  it('marks old figures stale even without a failure', () => {
    expect(describeFreshness({ source: 'cached', fetchedAt: '2026-11-24T09:00:00Z', stale: true }, null, now)).toEqual({
      tone: 'stale',
      text: 'stale · fetched 3 h ago',
    });
  });
});
