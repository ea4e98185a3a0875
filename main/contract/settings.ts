/**
 * `/api/settings`: the persisted, user-editable settings. The schemas are the settings
 * module's own (main/settings/schema.ts), re-exported so there is one definition; the
 * answer adds `warning` (why the settings file could not be used as it was), or null.
 */
import { z } from 'zod';
import {
  THEMES,
  httpSettingsPatchSchema,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../settings/schema.js';
import { jsonRoute, type ApiRoute } from './common.js';

export { THEMES, httpSettingsPatchSchema, settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch };
export type Theme = Settings['theme'];

export const settingsResponseSchema = z
  .object({ settings: settingsSchema.strict(), warning: z.string().nullable() })
  .strict();
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

export const SETTINGS_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/settings', 'the effective settings', { 200: settingsResponseSchema }),
  jsonRoute(
    'PUT',
    '/api/settings',
    "change some settings (partial, strict; the desktop app's project keys are its own); answers all of them",
    { 200: settingsResponseSchema },
    { body: httpSettingsPatchSchema },
  ),
];
