/**
 * Saving one setting: `PUT /api/settings` with a one-key patch, then the new effective
 * settings go to the app context (so the effect shows everywhere at once), and the
 * field shows "Saved" or the server's validation message. The change shows at once
 * (optimistic) and rolls back if the server refuses it. The server's `warning` (a
 * launch flag overriding the value, an unreadable settings file) is kept for display.
 */
import { useCallback, useState } from 'react';
import { updateSettings, type Settings } from '../../api/settings';
import { toApiError } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'error'; message: string };

export function useSettingSave(): {
  saveState: Record<string, SaveState>;
  warning: string | null;
  save<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean>;
} {
  const { settings, setSettings } = useAppContext();
  const [saveState, setSaveState] = useState<Record<string, SaveState>>({});
  const [warning, setWarning] = useState<string | null>(null);

  const save = useCallback(
    async <K extends keyof Settings>(key: K, value: Settings[K]) => {
      setSaveState((s) => ({ ...s, [key]: { kind: 'saving' } }));
      const previous = settings;
      setSettings({ ...settings, [key]: value });
      try {
        const answer = await updateSettings({ [key]: value } as Partial<Settings>);
        setSettings(answer.settings);
        setWarning(answer.warning);
        setSaveState((s) => ({ ...s, [key]: { kind: 'saved', at: Date.now() } }));
        return true;
      } catch (error) {
        setSettings(previous);
        setSaveState((s) => ({ ...s, [key]: { kind: 'error', message: toApiError(error).message } }));
        return false;
      }
    },
    [settings, setSettings],
  );

  return { saveState, warning, save };
}
