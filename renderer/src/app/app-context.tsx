/**
 * What every page may need about the server once it answered: its info and the current
 * settings (with a setter, so a Settings change shows its effect everywhere at once:
 * theme, "runs are off" banners, the candidates section). Provided by <App>.
 */
import { createContext, useContext } from 'react';
import type { ServerInfo } from '../api/info';
import type { Settings } from '../api/settings';
import type { OpsStatus } from '../api/status';
import type { OrgChoice } from '../api/orgs';

export interface AppContextValue {
  info: ServerInfo;
  settings: Settings;
  /** Replaces the settings after a successful PUT /api/settings. */
  setSettings(settings: Settings): void;
  /** The latest status from the stream; null until the first event. */
  status: OpsStatus | null;
  /** False while the server cannot be reached (the stream is reconnecting). */
  connected: boolean;
  /** The organization the spend pages show (a key slot, or `all`); the header's switcher sets it. */
  org: OrgChoice;
  setOrg(org: OrgChoice): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useAppContext() outside <App>');
  return value;
}

/** The current settings; pages use this rather than fetching their own copy. */
export const useSettings = () => useAppContext().settings;
