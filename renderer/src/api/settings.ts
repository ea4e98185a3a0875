/**
 * `GET/PUT /api/settings`: the persisted, user-editable settings. PUT takes a partial
 * object and answers the full effective settings plus an optional warning (for example
 * a setting overridden by a launch flag).
 */
import { apiGet, apiSend } from './http';

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  allowRun: boolean;
  specsCandidatesEnabled: boolean;
  monthlyBudgetUsd: number | null;
  /** The added organizations' monthly budgets, by key slot (the first's is monthlyBudgetUsd). */
  orgBudgetsUsd?: Record<string, number>;
  costRefreshMinutes: number;
  runsRetentionDays: number;
  runsMaxTotalMb: number;
  maxConcurrentRuns: number;
  theme: Theme;
  /** The desktop app's project (absolute path); null until one is opened. */
  desktopProjectRoot?: string | null;
  /** Projects opened in the desktop app, most recent first. */
  recentProjects?: string[];
}

export interface SettingsResponse {
  settings: Settings;
  warning: string | null;
}

export const getSettings = (signal?: AbortSignal) => apiGet<SettingsResponse>('/api/settings', signal);

export const updateSettings = (patch: Partial<Settings>) => apiSend<SettingsResponse>('PUT', '/api/settings', patch);
