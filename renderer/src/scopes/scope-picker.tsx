/**
 * The scope picker of one workflow: "Whole project", the project's features (from
 * `/api/scopes`; a feature without a derivable path is listed but disabled, with the
 * reason), and "Custom path…" with a text field. A server validation error (400
 * `invalid_path`) is shown inline under the field and linked with aria-describedby.
 * Controlled: the row owns the choice; `onCommit` fires when a choice is settled (select
 * change, custom field blur or Enter) so the row can remember it per workflow.
 */
import { useId, type ChangeEvent, type KeyboardEvent } from 'react';
import type { Feature } from '../api/scopes';
import { selectValueOf, type ScopeChoice } from './scope-choice';

export interface ScopePickerProps {
  workflow: string;
  features: readonly Feature[];
  value: ScopeChoice;
  onChange(choice: ScopeChoice): void;
  onCommit(choice: ScopeChoice): void;
  /** The server's message for a refused path, shown inline. */
  error?: string | null;
  disabled?: boolean;
}

export function ScopePicker({ workflow, features, value, onChange, onCommit, error, disabled }: ScopePickerProps) {
  const id = useId();
  const errorId = `${id}-error`;

  const handleSelect = (event: ChangeEvent<HTMLSelectElement>) => {
    const selected = event.target.value;
    let next: ScopeChoice;
    if (selected === 'whole') next = { kind: 'whole' };
    else if (selected === 'custom') next = { kind: 'custom', text: value.kind === 'custom' ? value.text : '' };
    else {
      const feature = features.find((f) => `feature:${f.name}` === selected);
      if (!feature?.path) return;
      next = { kind: 'feature', name: feature.name, path: feature.path };
    }
    onChange(next);
    if (next.kind !== 'custom') onCommit(next);
  };

  const handleKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && value.kind === 'custom') onCommit(value);
  };

  const describedBy = error ? errorId : undefined;
  return (
    <div className="field scope-picker" data-testid={`scope-picker-${workflow}`}>
      <label className="field__label" htmlFor={`${id}-select`}>
        Scope
      </label>
      <select
        id={`${id}-select`}
        className="select"
        value={selectValueOf(value)}
        onChange={handleSelect}
        disabled={disabled}
        aria-describedby={value.kind === 'custom' ? undefined : describedBy}
        aria-invalid={error && value.kind !== 'custom' ? true : undefined}
      >
        <option value="whole">Whole project</option>
        {features.length > 0 && (
          <optgroup label="Features">
            {features.map((feature) => (
              <option
                key={feature.name}
                value={`feature:${feature.name}`}
                disabled={!feature.path}
                title={feature.path ? feature.description : feature.pathReason}
              >
                {feature.path
                  ? `${feature.name} — ${feature.path}`
                  : `${feature.name} (no path${feature.pathReason ? `: ${feature.pathReason}` : ''})`}
              </option>
            ))}
          </optgroup>
        )}
        <option value="custom">Custom path…</option>
      </select>
      {value.kind === 'custom' && (
        <input
          className="input scope-picker__custom"
          type="text"
          aria-label={`Custom path for ${workflow}, relative to the project root`}
          placeholder="e.g. src/api"
          value={value.text}
          onChange={(event) => onChange({ kind: 'custom', text: event.target.value })}
          onBlur={() => onCommit(value)}
          onKeyDown={handleKey}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          spellCheck={false}
          autoComplete="off"
        />
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
