/**
 * useRunLog (renderer/src/log/use-run-log.ts) in happy-dom, with the tail fetch and the
 * event stream injected: a run followed live that stops running without a `done`
 * covering its lines (the server stopped, the stream was cut) catches up with one more
 * tail request; a `done` that covers every line, or a run finished from the start, costs
 * no second request.
 */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, LogPage } from '../../../renderer/src/api/runs';
import type { DoneEvent, RunStreamOptions } from '../../../renderer/src/log/run-stream';
import { useRunLog, type RunLog, type RunLogDeps } from '../../../renderer/src/log/use-run-log';

afterEach(cleanup);

const lineOf = (seq: number): LogLine => ({ seq, t: '', stream: 'stdout', text: `line ${seq}` });

/** A server log whose length the test moves; tail answers reflect it at request time. */
function fakeServer(initialTotal: number) {
  const state = { total: initialTotal, tailRequests: 0, streams: [] as RunStreamOptions[] };
  const deps: RunLogDeps = {
    fetchTail: async (_id, lines) => {
      state.tailRequests += 1;
      const first = Math.max(1, state.total - lines + 1);
      const page = Array.from({ length: state.total - first + 1 }, (_, i) => lineOf(first + i));
      return { lines: page, nextFrom: state.total + 1, done: false, skipped: 0, total: state.total } satisfies LogPage;
    },
    fetchPage: async () => ({ lines: [], nextFrom: 1, done: true, skipped: 0, total: state.total }),
    openStream: (options) => {
      state.streams.push(options);
      return { stop() {} };
    },
  };
  return { state, deps };
}

function Probe(props: { running: boolean | null; deps: RunLogDeps; out: { log?: RunLog } }) {
  props.out.log = useRunLog('run-1', props.running, props.deps);
  return null;
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 10)));

describe('useRunLog', () => {
  it('catches up with a tail request when a followed run stops without a covering done', async () => {
    const { state, deps } = fakeServer(5);
    const out: { log?: RunLog } = {};
    const view = render(<Probe running={true} deps={deps} out={out} />);
    await settle();
    expect(state.tailRequests).toBe(1);
    expect(state.streams).toHaveLength(1);
    act(() => state.streams[0]?.onLines([6, 7].map(lineOf)));
    expect(out.log?.pages.total).toBe(7);

    // The server writes three more lines while it stops; the stream is cut before they arrive.
    state.total = 10;
    view.rerender(<Probe running={false} deps={deps} out={out} />);
    await settle();
    expect(state.tailRequests).toBe(2);
    expect(out.log?.pages.total).toBe(10);
    expect(out.log?.pages.lineAt(10)?.text).toBe('line 10');
    expect(out.log?.phase).toBe('done');
  });

  it('asks nothing more when the stream ended with a done that covers every line', async () => {
    const { state, deps } = fakeServer(5);
    const out: { log?: RunLog } = {};
    const view = render(<Probe running={true} deps={deps} out={out} />);
    await settle();
    act(() => {
      state.streams[0]?.onLines([6].map(lineOf));
      const done: DoneEvent = {
        status: 'succeeded',
        exitCode: 0,
        signal: null,
        durationMs: 40,
        lineCount: 6,
        reason: null,
      };
      state.streams[0]?.onDone?.(done);
    });
    view.rerender(<Probe running={false} deps={deps} out={out} />);
    await settle();
    expect(state.tailRequests).toBe(1);
    expect(out.log?.pages.total).toBe(6);
  });

  it('a run finished from the start opens from one tail request and no stream', async () => {
    const { state, deps } = fakeServer(40);
    const out: { log?: RunLog } = {};
    const view = render(<Probe running={null} deps={deps} out={out} />);
    await settle();
    view.rerender(<Probe running={false} deps={deps} out={out} />);
    await settle();
    expect(state.tailRequests).toBe(1);
    expect(state.streams).toHaveLength(0);
    expect(out.log?.pages.total).toBe(40);
  });
});
