/**
 * A run's log with its tools: search (highlight, or "Only matching lines"), follow-tail
 * with "Jump to latest", copy (the kept lines, ANSI codes stripped) and download (the
 * server's full `log.txt`), and the stream's connection state ("reconnecting…").
 */
import { useState, useSyncExternalStore } from 'react';
import { Button, ButtonLink } from '../components';
import { stripAnsi } from './ansi';
import { LogView } from './log-view';
import type { RunLog } from './use-run-log';
import { useLogSearch } from './use-log-search';
import './log.css';

/** One cached formatter: this panel re-renders every frame while a run streams. */
const COUNT_FORMAT = new Intl.NumberFormat();
const formatCount = (n: number) => COUNT_FORMAT.format(n);

export interface LogPanelProps {
  log: RunLog;
  downloadUrl: string;
  downloadName: string;
}

export function LogPanel({ log, downloadUrl, downloadName }: LogPanelProps) {
  const { store, phase } = log;
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const [query, setQuery] = useState('');
  const [filterOnly, setFilterOnly] = useState(false);
  const [following, setFollowing] = useState(true);
  const [copied, setCopied] = useState<string | null>(null);
  const matches = useLogSearch(store, version, query);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(store.toText(stripAnsi));
      setCopied(`Copied ${formatCount(store.length)} lines.`);
    } catch (error) {
      setCopied(`Copy failed: ${(error as Error).message}. Use Download instead.`);
    }
  };

  return (
    <section className="log-panel card" aria-labelledby="log-title">
      <div className="log-panel__bar">
        <h2 id="log-title" className="card__title">
          Log
        </h2>
        <ConnectionState phase={phase} failures={log.stats.failures} />
        <span className="muted small num" data-testid="log-count">
          {formatCount(store.length)} lines
        </span>
        <div className="log-panel__tools">
          <input
            className="input log-panel__search"
            type="search"
            placeholder="Search the log"
            aria-label="Search the log"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <label className="log-panel__filter small">
            <input type="checkbox" checked={filterOnly} onChange={(event) => setFilterOnly(event.target.checked)} />{' '}
            Only matching lines
          </label>
          {matches !== null && (
            <span className="muted small num" aria-live="polite">
              {formatCount(matches.length)} matches
            </span>
          )}
          <Button small onClick={() => void copy()} disabled={store.length === 0}>
            Copy
          </Button>
          <ButtonLink small href={downloadUrl} download={downloadName}>
            Download
          </ButtonLink>
        </div>
      </div>
      {copied && (
        <p className="muted small" role="status">
          {copied}
        </p>
      )}
      {store.droppedLines > 0 && (
        <p className="muted small">
          The first {formatCount(store.droppedLines)} lines are no longer kept in this view; Download has the whole log.
        </p>
      )}
      <div className="log-panel__viewport">
        <LogView
          store={store}
          version={version}
          query={query}
          matches={matches}
          filterOnly={filterOnly}
          following={following}
          onFollowingChange={setFollowing}
          label="Run log"
        />
        {store.length === 0 && (
          <p className="log-panel__empty muted">
            {phase === 'done' ? 'This run printed nothing.' : 'Waiting for output…'}
          </p>
        )}
        {!following && (
          <Button small variant="primary" className="log-panel__jump" onClick={() => setFollowing(true)}>
            Jump to latest ↓
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
