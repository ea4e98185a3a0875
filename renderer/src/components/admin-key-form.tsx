/**
 * The form that connects billing: a password field for the Anthropic admin key, sent
 * once to `PUT /api/costs/key` (the server validates it and stores it in the OS
 * keychain). The key is never shown back: the field is cleared on success and only the
 * derived status (source, last four) comes back. Used by the Overview's "Connect
 * billing" card, "Replace key", and Settings.
 */
import { useId, useState, type FormEvent } from 'react';
import { putKey, type AdminKeyStatus } from '../api/costs';
import { toApiError } from '../api/use-api';
import { Button } from './button';

export interface AdminKeyFormProps {
  submitLabel?: string;
  /** Where the key goes: `PUT /api/costs/key` (the first organization's) unless given. */
  send?(key: string): Promise<AdminKeyStatus>;
  onSaved(status: AdminKeyStatus): void;
  onCancel?(): void;
  autoFocus?: boolean;
}

export function AdminKeyForm(props: AdminKeyFormProps) {
  const { submitLabel = 'Connect billing', onSaved, onCancel, autoFocus, send = putKey } = props;
  const id = useId();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Paste an admin key first (it starts with sk-ant-admin).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const status = await send(trimmed);
      setKey('');
      onSaved(status);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack key-form" onSubmit={(e) => void submit(e)} aria-label="Admin key" noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-key`}>
          Anthropic admin key
        </label>
        <input
          id={`${id}-key`}
          className="input input--wide"
          type="password"
          name="admin-key"
          autoComplete="off"
          spellCheck={false}
          placeholder="sk-ant-admin…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint ${id}-error`}
          autoFocus={autoFocus}
        />
        <span className="field__hint" id={`${id}-hint`}>
          Stored in your OS keychain, never shown again. Create one in the Anthropic Console under Settings → Admin
          keys.
        </span>
        <span className="field__error" id={`${id}-error`} role={error ? 'alert' : undefined}>
          {error}
        </span>
      </div>
      <div className="row">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
