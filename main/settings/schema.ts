/**
 * The persisted, user-editable settings (API.md `/api/settings`) and their defaults.
 * `settingsPatchSchema` is strict: an unknown key is a 400 naming the key.
 */
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;

export const settingsSchema = z.object({
  allowRun: z.boolean(),
  specsCandidatesEnabled: z.boolean(),
  monthlyBudgetUsd: z.number().positive().max(1e9).nullable(),
  costRefreshMinutes: z.number().int().min(1).max(1440),
  runsRetentionDays: z.number().int().min(0).max(36500),
  runsMaxTotalMb: z.number().int().min(1).max(1_048_576),
  maxConcurrentRuns: z.number().int().min(1).max(16),
  theme: z.enum(THEMES),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsKey = keyof Settings;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  allowRun: false,
  specsCandidatesEnabled: false,
  monthlyBudgetUsd: null,
  costRefreshMinutes: 5,
  runsRetentionDays: 30,
  runsMaxTotalMb: 1024,
  maxConcurrentRuns: 1,
  theme: 'system',
});

export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingsKey[];
