import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, parseCsp } from '../../main/index.js';
import {
  applySessionSecurity,
  applyWindowSecurity,
  PERMISSION_ALLOWLIST,
  parseExternalUrl,
} from '../../electron/security.js';
import { FakeSession, FakeWebContents, recordingLogger } from './fakes.js';

const ORIGIN = 'http://127.0.0.1:8765';

function lockedContents() {
  const contents = new FakeWebContents();
  const shell = { openExternal: vi.fn(async () => undefined) };
  const logger = recordingLogger();
  applyWindowSecurity(contents, { origin: ORIGIN, shell, logger });
  return { contents, shell, logger };
}

describe('window security', () => {
  it('allows navigation and redirects within the server origin only', () => {
    const { contents, logger } = lockedContents();
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(contents.emit(event, { url: `${ORIGIN}/runs/abc` })).toBe(false);
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:9999/',
        'http://localhost:8765/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'not a url',
      ]) {
        expect(contents.emit(event, { url }), `${event} ${url}`).toBe(true);
      }
    }
    expect(JSON.stringify(logger.records)).not.toContain('etc/passwd?');
  });

  it('denies every window.open and sends only parsed http(s) URLs to the browser', () => {
    const { contents, shell } = lockedContents();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://docs.anthropic.com/en/api' })).toEqual({ action: 'deny' });
    expect(handler({ url: `${ORIGIN}/costs` })).toEqual({ action: 'deny' });
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'https://user:pw@example.com/',
      'http://',
      '%%%',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal.mock.calls).toEqual([['https://docs.anthropic.com/en/api'], [`${ORIGIN}/costs`]]);
  });

  it('never lets a <webview> attach', () => {
    const { contents } = lockedContents();
    expect(contents.emit('will-attach-webview')).toBe(true);
  });

  it('parses external URLs strictly', () => {
    expect(parseExternalUrl('HTTPS://Example.com/a b')?.href).toBe('https://example.com/a%20b');
    expect(parseExternalUrl('data:text/html,hi')).toBeNull();
  });
});

describe('session security', () => {
  const session = new FakeSession();
  applySessionSecurity(session, { origin: ORIGIN, contentSecurityPolicy: CONTENT_SECURITY_POLICY });

  it('grants the clipboard write (Copy in the log panel) to the server origin only', () => {
    expect([...PERMISSION_ALLOWLIST]).toEqual(['clipboard-sanitized-write']);
    const asked = (url: string) => {
      const callback = vi.fn();
      session.requestHandler!({}, 'clipboard-sanitized-write', callback, { requestingUrl: url });
      return [callback.mock.calls[0]?.[0], session.checkHandler!({}, 'clipboard-sanitized-write', new URL(url).origin)];
    };
    expect(asked(`${ORIGIN}/runs/abc`)).toEqual([true, true]);
    for (const other of ['http://127.0.0.1:9999/', 'http://localhost:8765/', 'https://evil.example/'])
      expect(asked(other), other).toEqual([false, false]);
    const callback = vi.fn();
    session.requestHandler!({}, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('denies every other permission request and check', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
      'unknown',
    ]) {
      const callback = vi.fn();
      session.requestHandler!({}, permission, callback, { requestingUrl: `${ORIGIN}/` });
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.checkHandler!({}, permission, ORIGIN)).toBe(false);
    }
    expect(session.deviceHandler!()).toBe(false);
  });

  it('puts the core CSP on ops-server responses, replacing a weaker one, and leaves other origins alone', () => {
    const respond = (url: string, responseHeaders: Record<string, string[]>) => {
      let out: Record<string, string[] | string> = {};
      session.headersListener!({ url, responseHeaders }, (response) => (out = response.responseHeaders));
      return out;
    };
    const ours = respond(`${ORIGIN}/`, {
      'content-security-policy': ["script-src 'unsafe-inline'"],
      'content-type': ['text/html'],
    });
    expect(ours).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'content-type': ['text/html'] });
    expect(respond('https://example.com/', { a: ['b'] })).toEqual({ a: ['b'] });
  });

  it('uses a CSP with no inline or eval script and no data: scripts anywhere', () => {
    const csp = parseCsp(CONTENT_SECURITY_POLICY);
    for (const directive of ['script-src', 'default-src', 'script-src-elem', 'script-src-attr', 'worker-src']) {
      for (const bad of [
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'wasm-unsafe-eval'",
        'data:',
        'blob:',
        '*',
        'http:',
        'https:',
      ]) {
        expect(csp[directive] ?? [], `${directive} ${bad}`).not.toContain(bad);
      }
    }
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });
});
