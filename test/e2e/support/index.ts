/**
 * The shared end-to-end harness: real server (in-process or child process) for a copy
 * of the demo project, headless Chromium, page and screenshot helpers.
 */
export {
  CHROMIUM_ARGS,
  SCREENSHOT_DIR,
  goToPage,
  launchBrowser,
  openConsole,
  screenshot,
  until,
  type ColorScheme,
  type ConsolePage,
  type OpenOptions,
} from './browser.js';
export { DEMO_PROJECT, copyDemoProject } from './project.js';
export { RENDERER_DIR, requireRendererBuild, startE2eServer, type E2eServer, type E2eServerOptions } from './server.js';
