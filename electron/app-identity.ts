/**
 * The app's identity, shared by the shell and checked against the packaging config:
 * `APP_ID` must equal build/electron-builder.config.cjs `appId` (Windows
 * AppUserModelId for notifications and the taskbar, the Linux autostart file name);
 * test/electron/builder-config.test.ts keeps them equal.
 */
export const APP_ID = 'dev.attune.ops';
export const PRODUCT_NAME = 'Attune Ops';
