/**
 * Runs a window's preload as Electron runs a sandboxed one: before the page's scripts,
 * with a `require` that knows only `electron` (contextBridge, ipcRenderer), `events`,
 * `timers` and `url` (anything else throws, as in Electron), and a reduced `process`
 * whose argv carries `webPreferences.additionalArguments`. `contextBridge` copies the
 * exposed API into the page frozen. The main process is reached through Playwright
 * bindings, captured here and then removed from the page's globals.
 */
import { readFileSync } from 'node:fs';

export const DELIVER = 'standin.deliver';

/** The init script for one window: the sandbox wrapper around the compiled preload. */
export function sandboxedPreloadScript(preloadPath: string, additionalArguments: readonly string[]): string {
  const source = readFileSync(preloadPath, 'utf8');
  return `(() => {
  const invoke = window.__standinInvoke;
  delete window.__standinInvoke;
  const listeners = new Map();
  Object.defineProperty(window, Symbol.for(${JSON.stringify(DELIVER)}), {
    value: (channel, args) => { for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, ...args); },
  });
  class EventEmitter {
    #l = new Map();
    on(name, fn) { this.#l.set(name, [...(this.#l.get(name) ?? []), fn]); return this; }
    removeListener(name, fn) { this.#l.set(name, (this.#l.get(name) ?? []).filter((f) => f !== fn)); return this; }
    emit(name, ...args) { for (const fn of this.#l.get(name) ?? []) fn(...args); return true; }
  }
  const clone = (value) => {
    if (typeof value === 'function') return (...args) => value(...args);
    if (value && typeof value === 'object') return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])));
    return value;
  };
  const ipcRenderer = {
    invoke: async (channel, ...args) => {
      const answer = JSON.parse(await invoke(channel, JSON.stringify(args)));
      if (answer.error) throw new Error("Error invoking remote method '" + channel + "': " + answer.error);
      return answer.value;
    },
    on: (channel, fn) => { listeners.set(channel, [...(listeners.get(channel) ?? []), fn]); return ipcRenderer; },
    removeListener: (channel, fn) => { listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)); return ipcRenderer; },
  };
  const contextBridge = {
    exposeInMainWorld: (key, api) => {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: clone(api), enumerable: true });
    },
  };
  const modules = {
    electron: { contextBridge, ipcRenderer },
    events: { EventEmitter, default: EventEmitter },
    timers: { setTimeout, clearTimeout, setInterval, clearInterval },
    url: { URL, URLSearchParams },
  };
  const require = (name) => {
    if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error("module not found: " + name);
    return modules[name];
  };
  const process = Object.freeze({
    argv: ['electron', ...${JSON.stringify(additionalArguments)}],
    platform: 'linux', type: 'renderer', sandboxed: true, contextIsolated: true, env: {},
  });
  const module = { exports: {} };
  (function (exports, require, module, process) {
${source}
  })(module.exports, require, module, process);
})();`;
}
