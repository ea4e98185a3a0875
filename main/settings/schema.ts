/**
 * The persisted, user-editable settings (docs/API.md `/api/settings`) and their defaults.
 * `settingsPatchSchema` is strict: an unknown key is a 400 naming the key. Over HTTP
 * (`httpSettingsPatchSchema`) the desktop shell's own keys are refused too: the recent
 * projects list is what the shell's folder check trusts, so only the shell writes it.
 */
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export const RECENT_PROJECTS_MAX = 10;

/** POSIX `/…`, or Windows `C:\…` / `\\server\share`; no Node import here (the renderer reads these types). */
function isAbsolutePath(value: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value);
}

export const settingsSchema = z.object({
  allowRun: z.boolean(),
  specsCandidatesEnabled: z.boolean(),
  monthlyBudgetUsd: z.number().positive().max(1e9).nullable(),
  /** Monthly budgets of the organizations added after the first (by key slot, `k2`…); the first's is monthlyBudgetUsd. */
  orgBudgetsUsd: z.record(z.string().regex(/^(keychain|k[1-9][0-9]{0,2})$/), z.number().positive().max(1e9)),
  costRefreshMinutes: z.number().int().min(1).max(1440),
  runsRetentionDays: z.number().int().min(0).max(36500),
  runsMaxTotalMb: z.number().int().min(1).max(1_048_576),
  maxConcurrentRuns: z.number().int().min(1).max(16),
  theme: z.enum(THEMES),
  /** The desktop app's project (absolute path); null until the user picks one. */
  desktopProjectRoot: z.string().refine(isAbsolutePath, 'must be an absolute path').nullable(),
  /** Projects opened in the desktop app, most recent first (absolute paths, at most 10). */
  recentProjects: z.array(z.string().refine(isAbsolutePath, 'must be an absolute path')).max(RECENT_PROJECTS_MAX),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsKey = keyof Settings;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Written by the desktop shell through the settings store only (its project menu), never over HTTP. */
export const SHELL_ONLY_SETTINGS = ['desktopProjectRoot', 'recentProjects'] as const satisfies readonly SettingsKey[];

export const httpSettingsPatchSchema = settingsPatchSchema.superRefine((patch, ctx) => {
  for (const key of SHELL_ONLY_SETTINGS) {
    if (key in patch)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'is set by the desktop app only (Open a project folder… in its menu), not over HTTP',
      });
  }
});

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  allowRun: false,
  specsCandidatesEnabled: false,
  monthlyBudgetUsd: null,
  orgBudgetsUsd: {},
  costRefreshMinutes: 5,
  runsRetentionDays: 30,
  runsMaxTotalMb: 1024,
  maxConcurrentRuns: 1,
  theme: 'system',
  desktopProjectRoot: null,
  recentProjects: [],
});

export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingsKey[];
