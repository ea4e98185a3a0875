/**
 * One row of the Settings page: label and explanation on the left, the control and its
 * save status ("Saving…", "Saved", the server's error) plus the setting's current
 * effect on the right. Controls: a switch, a number with Save, a select.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Spinner } from '../../components';
import type { SaveState } from './use-setting-save';

export function SettingRow({
  label,
  hint,
  effect,
  state,
  children,
  testId,
}: {
  label: string;
  hint: ReactNode;
  effect?: ReactNode;
  state?: SaveState;
  children: (id: string) => ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="settings-row" data-testid={testId}>
      <div>
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <p className="field__hint">{hint}</p>
      </div>
      <div className="settings-row__control">
        {children(id)}
        <SaveStatus state={state} />
        {effect && (
          <p className="field__hint" data-testid={testId ? `${testId}-effect` : undefined}>
            {effect}
          </p>
        )}
      </div>
    </div>
  );
}

function SaveStatus({ state }: { state: SaveState | undefined }) {
  if (!state || state.kind === 'idle') return <span className="field__status" />;
  if (state.kind === 'saving')
    return (
      <span className="field__status muted">
        <Spinner label="" /> Saving…
      </span>
    );
  if (state.kind === 'error')
    return (
      <span className="field__error" role="alert">
        {state.message}
      </span>
    );
  return (
    <span className="field__status" role="status">
      Saved
    </span>
  );
}

export interface NumberFieldProps {
  id: string;
  value: number | null;
  /** null allowed (an empty field clears the setting) when set. */
  nullable?: boolean;
  min?: number;
  max?: number;
  step?: number;
  unit: string;
  onSave(value: number | null): Promise<boolean>;
}

export function NumberField({ id, value, nullable, min, max, step = 1, unit, onSave }: NumberFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const parsed = text.trim() === '' ? null : Number(text);
  const dirty = parsed !== value;
  const invalid = (parsed === null && !nullable) || (parsed !== null && !Number.isFinite(parsed));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || invalid) return;
    setBusy(true);
    await onSave(parsed);
    setBusy(false);
  };
  return (
    <form className="row" onSubmit={(e) => void submit(e)} noValidate>
      <input
        id={id}
        className="input num"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={invalid || undefined}
        placeholder={nullable ? 'none' : undefined}
      />
      <span className="muted small">{unit}</span>
      <Button type="submit" small disabled={!dirty || invalid} busy={busy}>
        Save
      </Button>
    </form>
  );
}
