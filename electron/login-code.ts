/**
 * "Open in browser" without the launch token: the shell asks the server for a one-time
 * login code (`POST /api/session/login-code`, Bearer launch token, empty body → 201
 * `{code, url, expiresAt}`; the code expires within a minute and works once) and opens
 * that `url` (`<origin>/?login=<code>`) in the system browser. The long-lived token never
 * reaches the browser's command line or history. A failure is a reason in words.
 */
import { isSameOrigin } from './security.js';

export type LoginCodeOutcome = { kind: 'ok'; url: string } | { kind: 'failed'; reason: string };

export type FetchForLoginCode = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string> },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export async function requestLoginUrl(
  server: { url: string; token: string },
  fetch: FetchForLoginCode,
): Promise<LoginCodeOutcome> {
  let response: Awaited<ReturnType<FetchForLoginCode>>;
  try {
    response = await fetch(`${server.url}/api/session/login-code`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
    });
  } catch (error) {
    return { kind: 'failed', reason: `The ops server did not answer: ${(error as Error).message}` };
  }
  const body = (await response.json().catch(() => null)) as { url?: unknown; error?: { message?: unknown } } | null;
  if (response.status !== 201) {
    const message = typeof body?.error?.message === 'string' ? `: ${body.error.message}` : '';
    return {
      kind: 'failed',
      reason: `The ops server refused a browser login code (HTTP ${response.status})${message}`,
    };
  }
  const url = typeof body?.url === 'string' ? body.url : '';
  if (!isSameOrigin(url, server.url) || url.includes(server.token))
    return { kind: 'failed', reason: 'The ops server answered a login link outside its own address.' };
  return { kind: 'ok', url };
}
