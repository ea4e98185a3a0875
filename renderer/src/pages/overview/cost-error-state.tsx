/**
 * One distinct state per cost error kind (docs/API.md `error.kind`), each saying what is
 * wrong and offering the action that fixes it:
 *   no_key               → "Connect billing" card with the inline key form
 *   keychain_unavailable → what is wrong + the ANTHROPIC_ADMIN_API_KEY alternative
 *                          (neutral "Billing not connected" while no figures exist)
 *   auth_failed          → "Key rejected" + Replace key (for a keychain key; a key from
 *                          ANTHROPIC_ADMIN_API_KEY is fixed there, so no Replace button)
 *   rate_limited         → when it retries (cached figures stay visible below)
 *   network              → offline (cached figures stay visible below)
 *   unknown              → the server's message
 */
import { useState } from 'react';
import type { AdminKeyStatus, CostError } from '../../api/costs';
import { AdminKeyForm, Banner, Button, Card, formatExact } from '../../components';

export interface CostErrorStateProps {
  error: CostError;
  /** Whether last good figures are shown along with this error. */
  hasData: boolean;
  onKeySaved(status: AdminKeyStatus): void;
  onRetry(): void;
  retrying: boolean;
  /** When the error was received (ms); the rate-limit retry time is counted from it. */
  receivedAt: number;
}

export function CostErrorState(props: CostErrorStateProps) {
  const { error, hasData, onRetry, retrying } = props;
  const retry = (
    <Button small onClick={onRetry} busy={retrying}>
      Try again
    </Button>
  );
  const cachedNote = hasData ? ' The figures below are the last good ones.' : ' No figures have been fetched yet.';
  switch (error.kind) {
    case 'no_key':
      return <ConnectBilling onKeySaved={props.onKeySaved} />;
    case 'keychain_unavailable':
      // Without figures, billing was never connected here: neutral, not an alarm.
      return (
        <Banner
          tone={hasData ? 'error' : 'info'}
          title={hasData ? 'The OS keychain cannot be read' : 'Billing not connected'}
          testId="cost-error-keychain_unavailable"
        >
          <p>{error.message}</p>
          <p>
            Alternative for headless use: start the server with the key in the environment, for example{' '}
            <code>ANTHROPIC_ADMIN_API_KEY=sk-ant-admin… attune-ops serve</code>.
          </p>
        </Banner>
      );
    case 'auth_failed':
      return <KeyRejected error={error} onKeySaved={props.onKeySaved} hasData={hasData} />;
    case 'rate_limited': {
      const at = error.retryAfterS !== undefined ? props.receivedAt + error.retryAfterS * 1000 : null;
      return (
        <Banner tone="warn" title="Rate limited by the Admin API" actions={retry} testId="cost-error-rate_limited">
          {at !== null ? (
            <p>
              Retrying automatically in {error.retryAfterS} s (at{' '}
              <time dateTime={new Date(at).toISOString()}>{formatExact(at)}</time>).{cachedNote}
            </p>
          ) : (
            <p>Retrying automatically later.{cachedNote}</p>
          )}
          <p className="muted small">{error.message}</p>
        </Banner>
      );
    }
    case 'network':
      return (
        <Banner
          tone="warn"
          title="Offline: the Admin API cannot be reached"
          actions={retry}
          testId="cost-error-network"
        >
          <p>
            {error.message}
            {cachedNote}
          </p>
        </Banner>
      );
    default:
      return (
        <Banner tone="error" title="Spend could not be loaded" actions={retry} testId="cost-error-unknown">
          <p>{error.message}</p>
        </Banner>
      );
  }
}

function ConnectBilling({ onKeySaved }: { onKeySaved(status: AdminKeyStatus): void }) {
  return (
    <Card
      title="Connect billing"
      subtitle="See your Anthropic API spend here: today, this month, by model and workspace."
      testId="cost-error-no_key"
    >
      <p>
        Paste an organization <strong>admin key</strong> (<code>sk-ant-admin…</code>). It is kept in your OS keychain
        and only used to read the cost report. For headless servers you can set <code>ANTHROPIC_ADMIN_API_KEY</code>{' '}
        instead.
      </p>
      <AdminKeyForm onSaved={onKeySaved} />
    </Card>
  );
}

function KeyRejected({
  error,
  onKeySaved,
  hasData,
}: {
  error: CostError;
  onKeySaved(status: AdminKeyStatus): void;
  hasData: boolean;
}) {
  const [replacing, setReplacing] = useState(false);
  const fromEnv = error.keySource === 'env';
  return (
    <Banner
      tone="error"
      title="Key rejected"
      testId="cost-error-auth_failed"
      actions={
        !replacing &&
        !fromEnv && (
          <Button small variant="primary" onClick={() => setReplacing(true)}>
            Replace key
          </Button>
        )
      }
    >
      <p>
        {error.message}
        {hasData ? ' The figures below are the last good ones.' : ''}
      </p>
      {fromEnv && (
        <p className="muted small" data-testid="auth-failed-env">
          This key comes from the <code>ANTHROPIC_ADMIN_API_KEY</code> environment variable, which takes precedence over
          Settings. Set it to a valid admin key and restart the server.
        </p>
      )}
      {replacing && (
        <AdminKeyForm
          submitLabel="Save new key"
          autoFocus
          onCancel={() => setReplacing(false)}
          onSaved={(status) => {
            setReplacing(false);
            onKeySaved(status);
          }}
        />
      )}
    </Banner>
  );
}
