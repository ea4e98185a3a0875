/**
 * Says which remembered scopes the server dropped (the path no longer exists or leads
 * outside the project) and why, so a workflow silently falling back to the whole project
 * never surprises anyone. Renders nothing when none were dropped.
 */
import { Banner } from '../../components';
import type { ScopeList } from '../../api/scopes';

export function DroppedScopesNotice({ dropped }: { dropped: ScopeList['droppedLast'] }) {
  if (dropped.length === 0) return null;
  return (
    <Banner tone="info" title="Remembered scopes that no longer apply" testId="dropped-scopes">
      <ul className="plain-list">
        {dropped.map((entry) => (
          <li key={entry.workflow}>
            <strong>{entry.workflow}</strong>: <code>{entry.path}</code> — {entry.reason}
          </li>
        ))}
      </ul>
      These workflows start on the whole project until you pick another scope.
    </Banner>
  );
}
