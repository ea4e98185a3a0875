/**
 * The log's two jumps: "Go to line" (a number from 1 to the total; anything else says the
 * range) and "Jump to first error" (asks the server, which applies the documented rule;
 * when no line looks like an error it says so plainly, "so far" while the run is live).
 */
import { useState, type FormEvent } from 'react';
import { Button } from '../components';
import type { ErrorRule, FirstErrorAnswer } from '../api/runs';

const COUNT = new Intl.NumberFormat();

/** How each rule of the server's first-error check reads to a user. */
const RULE_LABEL: Record<ErrorRule, string> = {
  exit: 'a non-zero exit',
  traceback: 'a Python traceback',
  location: 'a file:line:col: error',
  fail: 'FAIL',
  error: 'the word "error"',
};

export function GoToLine({ total, onGo }: { total: number; onGo(seq: number): void }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seq = Number(value);
    if (!Number.isInteger(seq) || seq < 1 || seq > total) {
      setProblem(total === 0 ? 'The log has no lines yet.' : `Line numbers run from 1 to ${COUNT.format(total)}.`);
      return;
    }
    setProblem(null);
    onGo(seq);
  };
  return (
    <form className="log-goto" onSubmit={submit}>
      <input
        className="input log-goto__input"
        inputMode="numeric"
        placeholder="Line"
        aria-label="Go to line"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <Button small type="submit">
        Go
      </Button>
      {problem && (
        <span className="small log-goto__problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}

export type FirstErrorState =
  | { kind: 'idle' }
  | { kind: 'looking' }
  | { kind: 'found'; seq: number; rule: ErrorRule }
  | { kind: 'none' }
  | { kind: 'error'; message: string };

export interface FirstErrorProps {
  live: boolean;
  fetchFirstError(): Promise<FirstErrorAnswer>;
  onGo(seq: number): void;
}

export function FirstErrorButton({ live, fetchFirstError, onGo }: FirstErrorProps) {
  const [state, setState] = useState<FirstErrorState>({ kind: 'idle' });
  const look = async () => {
    setState({ kind: 'looking' });
    try {
      const { match } = await fetchFirstError();
      if (!match) return setState({ kind: 'none' });
      setState({ kind: 'found', seq: match.seq, rule: match.rule });
      onGo(match.seq);
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };
  return (
    <span className="log-first-error">
      <Button small onClick={() => void look()} busy={state.kind === 'looking'} data-testid="first-error">
        Jump to first error
      </Button>
      <span className="small muted" role="status" data-testid="first-error-status">
        {firstErrorText(state, live)}
      </span>
    </span>
  );
}

export function firstErrorText(state: FirstErrorState, live: boolean): string {
  switch (state.kind) {
    case 'idle':
    case 'looking':
      return '';
    case 'found':
      return `Line ${COUNT.format(state.seq)} (${RULE_LABEL[state.rule]}).`;
    case 'none':
      return `No line ${live ? 'so far ' : ''}looks like an error (a non-zero exit, "error", "FAIL", "Traceback" or file:line:col: error).`;
    case 'error':
      return `Could not look for errors: ${state.message}`;
  }
}
