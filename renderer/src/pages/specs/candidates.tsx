/**
 * "Ready to close?": specs the server believes are finished, with the evidence, and
 * Confirm complete (flips the phase to complete) or Dismiss (hidden for 14 days unless
 * the spec changes). When the detector is off, one line says how to turn it on; when it
 * is on, the server's summary says how many specs passed each check (so an empty list is
 * explained) and its warnings name specs it could not consider.
 */
import { useState } from 'react';
import { dismissCandidate, getCandidates, setPhaseStatus, type CandidateView } from '../../api/specs';
import { useApi, toApiError } from '../../api/use-api';
import { Banner, Button, Card, EmptyState, Link, RelativeTime, Skeleton } from '../../components';

export function CandidatesSection({ reloadKey, onCompleted }: { reloadKey: string; onCompleted(): void }) {
  const { state, reload } = useApi((signal) => getCandidates(signal), [reloadKey]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (candidate: CandidateView, action: 'confirm' | 'dismiss') => {
    setBusy(`${candidate.slug}:${action}`);
    setError(null);
    try {
      if (action === 'confirm') await setPhaseStatus(candidate.slug, candidate.phase, 'complete');
      else await dismissCandidate(candidate.slug, candidate.snapshotHash);
      await reload();
      if (action === 'confirm') onCompleted();
    } catch (err) {
      setError(`${candidate.slug}: ${toApiError(err).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title="Ready to close?"
      subtitle="Approved specs whose tasks are all checked and whose PRs are merged"
      testId="candidates"
    >
      {state.kind === 'loading' && <Skeleton height={48} label="Looking for specs ready to close" />}
      {state.kind === 'error' && (
        <Banner tone="error" title="Candidates could not be loaded">
          {state.error.message}
        </Banner>
      )}
      {error && (
        <Banner tone="error" title="That did not work">
          {error}
        </Banner>
      )}
      {state.kind === 'ok' && !state.data.enabled && (
        <p className="muted" data-testid="candidates-disabled">
          {state.data.reason} <Link to="/settings">Open Settings</Link>
        </p>
      )}
      {state.kind === 'ok' && state.data.enabled && state.data.warnings.length > 0 && (
        <Banner tone="warn" title="Some specs were not considered" testId="candidates-warnings">
          <ul>
            {state.data.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Banner>
      )}
      {state.kind === 'ok' && state.data.enabled && state.data.candidates.length === 0 && (
        <EmptyState title="No spec looks ready to close" testId="candidates-empty">
          {state.data.summary} A spec shows up here once it is approved, every task in tasks.md is checked, its
          referenced PRs are merged and it has not been edited for a day.
        </EmptyState>
      )}
      {state.kind === 'ok' &&
        state.data.enabled &&
        state.data.candidates.map((candidate) => (
          <article className="candidate" key={candidate.slug} data-testid={`candidate-${candidate.slug}`}>
            <div className="row">
              <strong>{candidate.slug}</strong>
              <span className="muted small">
                {candidate.path} · {candidate.phase} is “{candidate.currentStatus}”
              </span>
            </div>
            <ul>
              {candidate.evidence.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <div className="row">
              <Button
                small
                variant="primary"
                busy={busy === `${candidate.slug}:confirm`}
                disabled={busy !== null}
                onClick={() => void act(candidate, 'confirm')}
              >
                Confirm complete
              </Button>
              <Button
                small
                variant="ghost"
                busy={busy === `${candidate.slug}:dismiss`}
                disabled={busy !== null}
                onClick={() => void act(candidate, 'dismiss')}
              >
                Dismiss
              </Button>
            </div>
          </article>
        ))}
      {state.kind === 'ok' && state.data.enabled && (
        <p className="muted small">
          Checked <RelativeTime value={state.data.detectedAt} />.
          {state.data.candidates.length > 0 && ` ${state.data.summary}`}
        </p>
      )}
    </Card>
  );
}
