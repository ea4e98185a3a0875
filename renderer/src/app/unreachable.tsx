/**
 * The full-page message shown when the ops server cannot be reached (or refuses this
 * session), with what to do and a live countdown to the next automatic retry.
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/http';
import { Button, Spinner } from '../components';

export interface UnreachableProps {
  error: ApiError;
  /** When the next automatic attempt happens (ms since epoch); absent: continuous reconnecting. */
  nextRetryAt?: number;
  onRetry(): void;
  retrying: boolean;
}

/** Title and advice per failure: offline, not authorized, or a broken answer. */
export function describeUnreachable(error: ApiError): { title: string; advice: string } {
  if (error.status === 401) {
    return {
      title: 'This console session is not signed in',
      advice:
        'Open the console from the link printed by `attune-ops serve` (it carries a one-time ?token=), or from the desktop app window. The session cookie may have expired after a server restart with a new token.',
    };
  }
  if (error.code === 'offline') {
    return {
      title: 'The ops server cannot be reached',
      advice:
        'It may be restarting or stopped. Start it again with `attune-ops serve` (or reopen the desktop app); this page reconnects by itself.',
    };
  }
  return { title: 'The ops server answered with an error', advice: `${error.message} This page keeps retrying.` };
}

export function Unreachable({ error, nextRetryAt, onRetry, retrying }: UnreachableProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const { title, advice } = describeUnreachable(error);
  const seconds = nextRetryAt === undefined ? null : Math.max(0, Math.ceil((nextRetryAt - now) / 1000));
  return (
    <main className="unreachable" data-testid="unreachable">
      <div className="unreachable__box card" role="alert">
        <h1>{title}</h1>
        <p>{advice}</p>
        <p className="muted small" aria-live="polite">
          {retrying || seconds === null ? (
            <>
              <Spinner label="" /> Trying again…
            </>
          ) : (
            `Retrying automatically in ${seconds} s.`
          )}
        </p>
        <div className="row">
          <Button variant="primary" onClick={onRetry} busy={retrying}>
            Retry now
          </Button>
        </div>
      </div>
    </main>
  );
}
