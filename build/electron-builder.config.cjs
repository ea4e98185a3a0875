/**
 * electron-builder configuration (`npm run dist`). CommonJS because electron-builder
 * loads it with require().
 *
 * Invariants (test/electron/builder-config.test.ts checks them):
 *   - the package holds the compiled core (dist/main), the shell (dist/electron, with
 *     the CommonJS preload), the built console (dist/renderer), the tray images and
 *     package.json; production node_modules are added by electron-builder itself;
 *   - native modules (`*.node`, i.e. keytar) are unpacked from the asar, since a .node
 *     file cannot be loaded from inside an archive;
 *   - `appId` equals APP_ID in electron/main.ts (Windows AppUserModelId, autostart file);
 *   - keytar is rebuilt for Electron's ABI by `electron-builder install-app-deps` inside
 *     `npm run dist`, never in postinstall, so `npm install` works offline;
 *   - the .deb's `depends` replaces electron-builder's defaults, so it lists them all and
 *     adds to them; `desktopName` (Electron's Linux app id / WM_CLASS) names the .desktop file.
 * test/electron-standin/packaging.test.ts packs the app (`--dir`) and checks the app.asar.
 */
'use strict';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.attune.ops',
  productName: 'Attune Ops',
  copyright: 'Copyright © Attune Ops team',
  directories: {
    buildResources: 'build',
    output: 'release',
  },
  files: [
    'package.json',
    'dist/main/**/*',
    'dist/electron/**/*',
    'dist/renderer/**/*',
    'electron/assets/**/*',
    '!**/*.map',
    '!**/*.ts',
  ],
  // Written into the packaged package.json: Electron reads desktopName there on Linux.
  extraMetadata: {
    desktopName: 'dev.attune.ops.desktop',
  },
  asar: true,
  asarUnpack: ['**/*.node'],
  npmRebuild: true,
  mac: {
    category: 'public.app-category.developer-tools',
    target: ['dmg', 'zip'],
    icon: 'build/icon.png',
    hardenedRuntime: true,
  },
  dmg: {
    sign: false,
  },
  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    shortcutName: 'Attune Ops',
  },
  linux: {
    // The .deb first: an AppImage cannot start on Ubuntu 24.04+ without an AppArmor profile
    // for unprivileged user namespaces (or --no-sandbox, which we do not ship).
    target: ['deb', 'AppImage'],
    syncDesktopName: true,
    category: 'Development',
    icon: 'build/icon.png',
    synopsis: 'Local operator console for Anthropic API spend and workflow runs',
    maintainer: 'Attune Ops team <ops@attune.invalid>',
  },
  deb: {
    // electron-builder's defaults (a custom list replaces them): GTK, notifications, NSS,
    // XScreenSaver, XTest, xdg-utils (shell.openExternal runs xdg-open), AT-SPI, uuid,
    // and libsecret, which keytar uses to reach the Secret Service.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ],
  },
  toolsets: {
    appimage: '1.0.2',
  },
};
