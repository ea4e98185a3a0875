/**
 * The admin key in Settings: whether one is configured and where from (OS keychain or
 * ANTHROPIC_ADMIN_API_KEY), its last four characters, and set / replace / remove. The
 * key itself is never displayed: the server only ever answers its derived status. A key
 * from the environment variable is changed there, so it gets no Replace button.
 */
import { useState } from 'react';
import { deleteKey, getKeyStatus, type AdminKeyStatus } from '../../api/costs';
import { useApi, toApiError } from '../../api/use-api';
import { AdminKeyForm, Banner, Button, Card, Chip, Skeleton } from '../../components';

export function describeKey(status: AdminKeyStatus): string {
  if (!status.configured) return 'No admin key configured: spend is not shown.';
  const where = status.source === 'env' ? 'the ANTHROPIC_ADMIN_API_KEY environment variable' : 'the OS keychain';
  return `Configured from ${where}, ending in …${status.last4 ?? '????'}.`;
}

/** A keychain library's reason as a sentence, so the advice after it does not run into it. */
export function reasonSentence(reason: string): string {
  const trimmed = reason.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function AdminKeySection() {
  const { state, replace } = useApi((signal) => getKeyStatus(signal));
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      replace(await deleteKey());
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const status = state.kind === 'ok' ? state.data : null;
  return (
    <Card
      title="Billing: Anthropic admin key"
      subtitle="Used only to read your organization's cost report."
      testId="settings-admin-key"
      actions={
        status && (
          <Chip tone={status.configured ? 'ok' : 'neutral'}>
            {status.configured ? `…${status.last4 ?? ''}` : 'Not connected'}
          </Chip>
        )
      }
    >
      {state.kind === 'loading' && <Skeleton height={34} label="Loading key status" />}
      {state.kind === 'error' && (
        <Banner tone="error" title="Key status unavailable">
          {state.error.message}
        </Banner>
      )}
      {status && <p data-testid="admin-key-status">{describeKey(status)}</p>}
      {status?.unavailableReason && (
        <Banner tone="warn" title="The OS keychain cannot be read">
          {reasonSentence(status.unavailableReason)} You can set ANTHROPIC_ADMIN_API_KEY instead.
        </Banner>
      )}
      {status?.source === 'env' && (
        <p className="muted small">
          The environment variable wins over the keychain: change or unset it and restart the server to use another key.
        </p>
      )}
      {error && (
        <Banner tone="error" title="The key was not removed">
          {error}
        </Banner>
      )}
      {status && status.source !== 'env' && !editing && (
        <div className="row">
          <Button variant={status.configured ? 'default' : 'primary'} onClick={() => setEditing(true)}>
            {status.configured ? 'Replace key' : 'Set key'}
          </Button>
          {status.configured && status.source === 'keychain' && (
            <Button variant="danger" busy={busy} onClick={() => void remove()}>
              Remove key
            </Button>
          )}
        </div>
      )}
      {editing && (
        <AdminKeyForm
          submitLabel={status?.configured ? 'Save new key' : 'Save key'}
          autoFocus
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            replace(next);
            setEditing(false);
          }}
        />
      )}
    </Card>
  );
}
