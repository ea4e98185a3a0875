/**
 * Applies the Settings theme: `system` removes the override so prefers-color-scheme
 * decides (styles/tokens.css); `light`/`dark` set `data-theme` on <html>, which wins.
 */
import type { Theme } from '../api/settings';

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}
