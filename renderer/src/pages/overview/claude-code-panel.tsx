/**
 * Claude Code on the Overview: the last 30 UTC days of the Claude Code report, the totals
 * and a sortable table per user or API key. Every state without figures says why in words
 * (no admin key, the report failed, nothing fetched yet, no Claude Code activity); figures
 * kept after a failure or overdue are marked stale with the reason, and a window whose
 * older days are not fetched yet says from when it counts.
 */
import type { ClaudeCodeResponse, ClaudeCodeSummary } from '../../api/claude-code';
import { Card, EmptyState, formatCount, formatRelative, Skeleton, useNow } from '../../components';
import { ClaudeCodeTable, formatCost, formatRate } from './claude-code-table';
import { useClaudeCode } from './use-claude-code';
import './claude-code-panel.css';

export function ClaudeCodePanel() {
  const { state } = useClaudeCode();
  const data = state.kind === 'ok' ? state.data : state.kind === 'error' ? state.data : undefined;
  const figures = data?.claudeCode ?? null;
  return (
    <Card
      title="Claude Code"
      subtitle="Last 30 UTC days per user or API key, from the Claude Code report"
      testId="claude-code-panel"
    >
      {state.kind === 'error' && (
        <p className="muted" role="alert">
          Claude Code figures could not be loaded: {state.error.message}
        </p>
      )}
      {state.kind === 'loading' ? (
        <Skeleton height={160} />
      ) : figures ? (
        <ClaudeCodeFigures figures={figures} error={data?.error ?? null} />
      ) : (
        data && <NoClaudeCode error={data.error} refreshing={data.refreshing} />
      )}
    </Card>
  );
}

function NoClaudeCode({ error, refreshing }: { error: ClaudeCodeResponse['error']; refreshing: boolean }) {
  if (error?.kind === 'no_key')
    return (
      <EmptyState title="Billing not connected">
        Add an Anthropic admin key in Settings (or set ANTHROPIC_ADMIN_API_KEY) to see Claude Code per user and API key.
      </EmptyState>
    );
  if (error)
    return (
      <EmptyState title="No Claude Code figures yet">
        The Claude Code report could not be read: {error.message}
      </EmptyState>
    );
  if (refreshing)
    return (
      <EmptyState title="Fetching the Claude Code report">
        Its days are being fetched now, one request per day after the spend figures; they appear here as they come.
      </EmptyState>
    );
  return (
    <EmptyState title="No Claude Code figures yet">
      They appear after the first refresh of the Claude Code report (with the spend figures).
    </EmptyState>
  );
}

function ClaudeCodeFigures({ figures, error }: { figures: ClaudeCodeSummary; error: ClaudeCodeResponse['error'] }) {
  const now = useNow();
  const t = figures.totals;
  const totals: Array<[string, string]> = [
    ['Sessions', formatCount(t.sessions)],
    ['Lines added', formatCount(t.linesAdded)],
    ['Lines removed', formatCount(t.linesRemoved)],
    ['Commits', formatCount(t.commits)],
    ['Pull requests', formatCount(t.pullRequests)],
    ['Edits accepted', formatRate(t.acceptanceRate)],
    ['Estimated cost', formatCost(t.estimatedCost)],
  ];
  return (
    <>
      {figures.stale && (
        <p className="tile__foot tile__foot--stale" data-testid="claude-code-stale">
          Stale: fetched {formatRelative(figures.fetchedAt, now)}.{' '}
          {error ? `The latest refresh failed: ${error.message}` : 'The latest refresh is overdue.'}
        </p>
      )}
      {figures.coveredFrom && figures.coveredFrom > figures.from && (
        <p className="muted small" data-testid="claude-code-coverage">
          Counted from {figures.coveredFrom}: the days before are fetched with the next refreshes.
        </p>
      )}
      {figures.actors.length === 0 ? (
        <EmptyState title="No Claude Code activity">{figures.emptyReason}</EmptyState>
      ) : (
        <>
          <dl className="claude-code__totals" data-testid="claude-code-totals">
            {totals.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <ClaudeCodeTable
            actors={figures.actors}
            caption={`Claude Code per user or API key, ${figures.from} to ${figures.to}`}
          />
        </>
      )}
    </>
  );
}
