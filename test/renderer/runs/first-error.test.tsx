/**
 * "Jump to first error" (renderer/src/log/log-jumps.tsx) with a scripted server answer: a
 * match goes to its line and names the rule; no match says so plainly (with "so far" for a
 * live run); a failed request says why. "Go to line" refuses numbers outside the log.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FirstErrorAnswer } from '../../../renderer/src/api/runs';
import { FirstErrorButton, GoToLine } from '../../../renderer/src/log/log-jumps';

afterEach(cleanup);

function setup(answer: () => Promise<FirstErrorAnswer>, live = false) {
  const went: number[] = [];
  render(<FirstErrorButton live={live} fetchFirstError={answer} onGo={(seq) => went.push(seq)} />);
  fireEvent.click(screen.getByTestId('first-error'));
  return { went, status: () => screen.getByTestId('first-error-status').textContent };
}

describe('jump to first error', () => {
  it('goes to the first error line and names the rule that matched', async () => {
    const t = setup(async () => ({
      match: { seq: 41_207, text: 'src/a.ts:3:7: error TS2322', rule: 'location' },
    }));
    await waitFor(() => expect(t.went).toEqual([41_207]));
    expect(t.status()).toBe('Line 41,207 (a file:line:col: error).');
  });

  it('says plainly when no line looks like an error', async () => {
    const t = setup(async () => ({ match: null }));
    await waitFor(() => expect(t.status()).toMatch(/^No line looks like an error/));
    expect(t.went).toEqual([]);
  });

  it('says "so far" for a live run, and what went wrong when the request failed', async () => {
    const live = setup(async () => ({ match: null }), true);
    await waitFor(() => expect(live.status()).toMatch(/^No line so far looks like an error/));
    cleanup();
    const failed = setup(async () => Promise.reject(new Error('The ops server cannot be reached.')));
    await waitFor(() => expect(failed.status()).toBe('Could not look for errors: The ops server cannot be reached.'));
  });
});

describe('go to line', () => {
  it('goes to a line inside the log and refuses one outside it', () => {
    const went: number[] = [];
    render(<GoToLine total={1_000_000} onGo={(seq) => went.push(seq)} />);
    const input = screen.getByLabelText('Go to line');
    fireEvent.change(input, { target: { value: '1000001' } });
    fireEvent.submit(input);
    expect(screen.getByRole('alert').textContent).toBe('Line numbers run from 1 to 1,000,000.');
    fireEvent.change(input, { target: { value: '250000' } });
    fireEvent.submit(input);
    expect(went).toEqual([250_000]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
