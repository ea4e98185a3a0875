import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../main/settings/schema.js';

describe('desktop project settings keys', () => {
  it('default to no project and an empty recent list', () => {
    expect(DEFAULT_SETTINGS.desktopProjectRoot).toBeNull();
    expect(DEFAULT_SETTINGS.recentProjects).toEqual([]);
  });

  it('accept absolute paths only, and at most 10 recent projects', () => {
    const ok = (patch: unknown) => settingsPatchSchema.safeParse(patch).success;
    expect(ok({ desktopProjectRoot: '/home/u/app', recentProjects: ['/home/u/app', 'C:\\work\\app'] })).toBe(true);
    expect(ok({ desktopProjectRoot: 'relative/dir' })).toBe(false);
    expect(ok({ recentProjects: ['~/app'] })).toBe(false);
    expect(ok({ recentProjects: Array.from({ length: 11 }, (_, i) => `/p/${i}`) })).toBe(false);
  });
});
