/**
 * The application menu per platform. macOS: the app menu (About, Hide, Quit…), an Edit
 * menu (Cmd+C / Cmd+V / Cmd+A in text fields depend on its roles) and a Window menu.
 * Windows and Linux: no menu bar at all (null), which also removes Electron's default
 * one (Reload, Toggle DevTools, "Learn More" → electronjs.org); text-field shortcuts work
 * there without a menu.
 */
import type { Electron } from './electron-surface.js';

export function applicationMenuTemplate(platform: NodeJS.Platform): Electron.MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}
