/**
 * One-time login codes ("Open in browser"): POST /api/session/login-code with the launch
 * token gives `{code, url, expiresAt}`; opening the url once sets the HttpOnly
 * SameSite=Strict session cookie and 303s to `/`; a used, unknown or expired code is a
 * 401 page saying so. Codes are never logged.
 */
import { describe, expect, it } from 'vitest';
import { LOGIN_CODE_TTL_MS, LoginCodes } from '../../main/server/login-codes.js';
import { sessionCookieName } from '../../main/server/middleware/auth.js';
import { serverForFile } from '../support/test-server.js';

const file = serverForFile({ checked: true });

async function issue(): Promise<{ code: string; url: string; expiresAt: string }> {
  const answer = await file.server.api('/api/session/login-code', { method: 'POST' });
  expect(answer.status).toBe(201);
  return (await answer.json()) as { code: string; url: string; expiresAt: string };
}

describe('POST /api/session/login-code', () => {
  it('needs the launch token', async () => {
    const answer = await file.server.api('/api/session/login-code', { method: 'POST', auth: false });
    expect(answer.status).toBe(401);
  });

  it('answers a 32-byte base64url code, its url on this origin and when it expires (within a minute)', async () => {
    const before = Date.now();
    const { code, url, expiresAt } = await issue();
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`http://${file.host}/?login=${code}`);
    const expires = Date.parse(expiresAt);
    expect(expires).toBeGreaterThan(before);
    expect(expires).toBeLessThanOrEqual(Date.now() + LOGIN_CODE_TTL_MS);
    expect((await issue()).code).not.toBe(code);
  });

  it('refuses a body', async () => {
    const answer = await file.server.api('/api/session/login-code', { method: 'POST', json: { token: 'x' } });
    expect(answer.status).toBe(400);
  });
});

describe('GET /?login=<code>', () => {
  it('works once: sets the session cookie and 303s to /, then says the link was used', async () => {
    const { code } = await issue();
    const first = await file.server.raw({ path: `/?login=${code}`, headers: { Host: file.host } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`${sessionCookieName(file.server.port)}=`);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=strict/i);
    const session = cookie.split(';')[0]!;
    expect((await file.server.raw({ path: '/api/info', headers: { Host: file.host, Cookie: session } })).status).toBe(
      200,
    );

    const again = await file.server.raw({ path: `/?login=${code}`, headers: { Host: file.host } });
    expect(again.status).toBe(401);
    expect(again.headers['content-type']).toMatch(/text\/html/);
    expect(again.text).toMatch(/expired or was already used/);
    expect(again.text).toContain('Open in browser');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 for an unknown code', async () => {
    const answer = await file.server.raw({
      path: '/?login=not-a-code-this-server-issued',
      headers: { Host: file.host },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('never logs a code', async () => {
    const { code } = await issue();
    await file.server.raw({ path: `/?login=${code}`, headers: { Host: file.host } });
    await file.server.raw({ path: `/?login=${code}`, headers: { Host: file.host } });
    expect(file.server.logs.text()).not.toContain(code);
  });
});

describe('LoginCodes', () => {
  it('expires a code after its time and spends it on any redeem', () => {
    let now = 1_000_000;
    const codes = new LoginCodes(() => now);
    const late = codes.issue();
    now += LOGIN_CODE_TTL_MS;
    expect(codes.redeem(late.code)).toBe(false);
    const fresh = codes.issue();
    now += LOGIN_CODE_TTL_MS - 1;
    expect(codes.redeem(fresh.code)).toBe(true);
    expect(codes.redeem(fresh.code)).toBe(false);
  });
});
