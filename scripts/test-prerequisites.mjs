/**
 * What the test gate needs from the machine, checked in about a second before anything
 * else runs: the D-Bus session and GNOME keyring tools (Linux), a loadable keytar build,
 * Chromium (CHROMIUM_PATH or the usual Chrome/Chromium/Edge locations) and the built
 * console. Each check answers `{ ok, what, install }`; `installHint` turns the missing
 * ones into one command for this platform. On macOS and Windows the OS keychain is used
 * directly: `probeOsKeychain` says whether it is reachable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const platform = process.platform;

function which(command) {
  const probe = platform === 'win32' ? ['where', [command]] : ['sh', ['-c', `command -v ${command}`]];
  return spawnSync(probe[0], probe[1], { stdio: 'ignore' }).status === 0;
}

function tool(command, pkg) {
  return { ok: which(command), what: `${command} (package ${pkg})`, install: pkg };
}

export function chromiumCandidates(env = process.env) {
  if (env.CHROMIUM_PATH) return [env.CHROMIUM_PATH];
  if (platform === 'darwin')
    return ['Google Chrome', 'Chromium', 'Microsoft Edge'].map(
      (app) => `/Applications/${app}.app/Contents/MacOS/${app}`,
    );
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'].flatMap((n) => [
    `/usr/bin/${n}`,
    `/snap/bin/${n}`,
  ]);
}

export function findChromium(env = process.env) {
  return chromiumCandidates(env).find((path) => existsSync(path));
}

/** Loads keytar in a child (a broken native build must not take this script down). */
function keytarLoads(root) {
  const result = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, encoding: 'utf8' });
  return result.status === 0;
}

const KEYTAR_INSTALL = {
  linux: 'libsecret-1-dev, then `npm rebuild keytar`',
  darwin: 'the Xcode command line tools (`xcode-select --install`), then `npm rebuild keytar`',
  win32: 'the Visual Studio C++ build tools, then `npm rebuild keytar`',
};

/** Every prerequisite, keyed by the stage that needs it. */
export function checkPrerequisites(root, env = process.env) {
  const keychain = [];
  if (platform === 'linux')
    keychain.push(tool('dbus-run-session', 'dbus'), tool('gnome-keyring-daemon', 'gnome-keyring'));
  keychain.push({
    ok: keytarLoads(root),
    what: 'a built keytar (its native module)',
    install: KEYTAR_INSTALL[platform] ?? KEYTAR_INSTALL.linux,
  });
  const chromium = findChromium(env);
  const e2e = [
    ...(platform === 'linux' ? keychain.slice(0, 2) : []),
    {
      ok: chromium !== undefined,
      what: env.CHROMIUM_PATH ? `Chromium at CHROMIUM_PATH=${env.CHROMIUM_PATH}` : 'Chromium, Chrome or Edge',
      install: platform === 'linux' ? 'chromium' : 'Google Chrome (or set CHROMIUM_PATH)',
    },
  ];
  return { chromium, byStage: { unit: [], keychain, e2e } };
}

/** One install command for the missing packages of this platform. */
export function installHint(missing) {
  const packages = [...new Set(missing.map((m) => m.install))];
  if (platform !== 'linux') return `install ${packages.join('; ')}`;
  const apt = packages.filter((p) => /^[a-z0-9.+-]+$/.test(p));
  const other = packages.filter((p) => !apt.includes(p));
  const command = which('apt-get') ? 'sudo apt-get install' : which('dnf') ? 'sudo dnf install' : 'install';
  return [apt.length ? `${command} ${apt.join(' ')}` : '', ...other.map((p) => `install ${p}`)]
    .filter(Boolean)
    .join('; ');
}

/** macOS / Windows: whether keytar answers a read from the OS keychain within 5 s. */
export function probeOsKeychain(root) {
  const script =
    "require('keytar').getPassword('attune-ops-test-probe','probe').then(()=>process.exit(0),(e)=>{console.error(e.message);process.exit(1)})";
  const result = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 5000 });
  if (result.status === 0) return { ok: true };
  return { ok: false, reason: (result.stderr || 'no answer within 5 s').trim().split('\n')[0] };
}
