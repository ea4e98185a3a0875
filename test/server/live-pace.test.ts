/**
 * The live stream's pace (main/server/live-pace.ts) on the tests' clock: the burst goes
 * at once, then each byte past the budget costs its time at the rate, and time refills the
 * budget up to the burst, never beyond.
 */
import { describe, expect, it } from 'vitest';
import { LivePace } from '../../main/server/live-pace.js';
import { manualClock } from '../fakes/manual-clock.js';

describe('LivePace', () => {
  it('lets the burst through, then asks for the time the excess takes at the rate', async () => {
    const clock = manualClock(0);
    const pace = new LivePace(clock, 1000, 500);
    expect(pace.spend(400)).toBe(0);
    expect(pace.spend(100)).toBe(0);
    // 300 bytes past the budget at 1,000 bytes a second: 300 ms.
    expect(pace.spend(300)).toBe(300);
    await clock.advance(300);
    expect(pace.spend(0)).toBe(0);
    expect(pace.spend(1)).toBe(1);
  });

  it('refills with time up to the burst, not beyond', async () => {
    const clock = manualClock(0);
    const pace = new LivePace(clock, 1000, 500);
    expect(pace.spend(500)).toBe(0);
    await clock.advance(60_000);
    expect(pace.spend(500)).toBe(0);
    expect(pace.spend(250)).toBe(250);
  });
});
