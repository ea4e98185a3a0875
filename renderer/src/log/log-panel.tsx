/**
 * A run's log with its tools: server-side search ("n of m", previous/next), "Go to line",
 * "Jump to first error", follow-tail with "Jump to latest", download (the server's full
 * `log.txt`, raw text), and the stream's connection state ("reconnecting…"). The view
 * opens at the end; every jump stops following until "Jump to latest".
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { getFirstError, searchLog, type FirstErrorAnswer } from '../api/runs';
import { Button, ButtonLink } from '../components';
import { FirstErrorButton, GoToLine } from './log-jumps';
import { LogSearch, type SearchFetcher } from './log-search';
import { LogView, type ScrollTarget } from './log-view';
import { SearchBar } from './search-bar';
import type { RunLog } from './use-run-log';
import './log.css';

/** One cached formatter: this panel re-renders every frame while a run streams. */
const COUNT_FORMAT = new Intl.NumberFormat();
const formatCount = (n: number) => COUNT_FORMAT.format(n);

export interface LogPanelProps {
  runId: string;
  log: RunLog;
  live: boolean;
  downloadUrl: string;
  downloadName: string;
  /** Injected in tests; the server's `/log/search` and `/log/first-error` otherwise. */
  searchFetcher?: SearchFetcher;
  firstErrorFetcher?: () => Promise<FirstErrorAnswer>;
}

export function LogPanel({ runId, log, live, downloadUrl, downloadName, ...deps }: LogPanelProps) {
  const { pages, phase, opening } = log;
  const version = useSyncExternalStore(pages.subscribe, pages.getVersion);
  const [following, setFollowing] = useState(true);
  const [target, setTarget] = useState<ScrollTarget | null>(null);
  const [currentSeq, setCurrentSeq] = useState<number | null>(null);
  const search = useMemo(
    () => new LogSearch(deps.searchFetcher ?? ((q, options, signal) => searchLog(runId, q, options, signal))),
    [runId, deps.searchFetcher],
  );
  useEffect(() => () => search.dispose(), [search]);
  const searchState = useSyncExternalStore(search.subscribe, search.getState);
  const goTo = (seq: number) => {
    setCurrentSeq(seq);
    setTarget({ seq, nonce: Date.now() + Math.random() });
  };
  const matchSeq = searchState.kind === 'found' ? searchState.seq : null;
  const matchIndex = searchState.kind === 'found' ? searchState.index : null;
  useEffect(() => {
    if (matchSeq !== null) goTo(matchSeq);
  }, [matchSeq, matchIndex]);
  const highlight = search.highlight();

  return (
    <section className="log-panel card" aria-labelledby="log-title">
      <div className="log-panel__bar">
        <h2 id="log-title" className="card__title">
          Log
        </h2>
        <ConnectionState phase={phase} failures={log.stats.failures} />
        <span className="muted small num" data-testid="log-count" data-version={version}>
          {formatCount(pages.total)} lines
        </span>
        <div className="log-panel__tools">
          <SearchBar search={search} live={live} />
          <GoToLine total={pages.total} onGo={goTo} />
          <FirstErrorButton
            live={live}
            fetchFirstError={deps.firstErrorFetcher ?? (() => getFirstError(runId))}
            onGo={goTo}
          />
          <ButtonLink small href={downloadUrl} download={downloadName}>
            Download
          </ButtonLink>
        </div>
      </div>
      {opening.kind === 'error' && (
        <p className="small log-panel__problem" role="alert">
          The log could not be opened: {opening.message}
        </p>
      )}
      {log.pageError && (
        <p className="small log-panel__problem" role="alert">
          {log.pageError} Scroll again to retry, or use Download.
        </p>
      )}
      {pages.warning && <p className="muted small">{pages.warning}</p>}
      <div className="log-panel__viewport">
        <LogView
          pages={pages}
          version={version}
          highlight={highlight}
          currentSeq={currentSeq}
          target={target}
          following={following}
          onFollowingChange={setFollowing}
          label="Run log"
        />
        {opening.kind === 'ready' && pages.total === 0 && (
          <p className="log-panel__empty muted">{live ? 'Waiting for output…' : 'This run printed nothing.'}</p>
        )}
        {opening.kind === 'loading' && <p className="log-panel__empty muted">Opening the log…</p>}
        {!following && (
          <Button small variant="primary" className="log-panel__jump" onClick={() => setFollowing(true)}>
            {live ? 'Jump to latest ↓' : 'Jump to the end ↓'}
          </Button>
        )}
      </div>
    </section>
  );
}

function ConnectionState({ phase, failures }: { phase: RunLog['phase']; failures: number }) {
  if (phase === 'reconnecting') {
    return (
      <span className="log-panel__conn log-panel__conn--reconnecting" role="status" data-testid="reconnecting">
        reconnecting…{failures > 1 ? ` (attempt ${failures})` : ''}
      </span>
    );
  }
  if (phase === 'connecting')
    return (
      <span className="log-panel__conn muted small" role="status">
        connecting…
      </span>
    );
  if (phase === 'live')
    return (
      <span className="log-panel__conn log-panel__conn--live small" data-testid="live">
        live
      </span>
    );
  return null;
}
