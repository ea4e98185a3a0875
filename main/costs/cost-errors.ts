/**
 * Turns everything that can go wrong while fetching the cost report into a `CostError`
 * with one of the stable kinds and a message a user can act on. Messages are built here
 * from facts we chose (status, host, error code), never copied from a request or an axios
 * error, so the key cannot leak into them.
 */
import type { CostError } from './cost-types.js';

export const NO_KEY_MESSAGE =
  'No Anthropic admin key is configured. Connect billing in Settings (paste an admin key, sk-ant-admin…) or set ANTHROPIC_ADMIN_API_KEY.';

export function noKeyError(): CostError {
  return { kind: 'no_key', message: NO_KEY_MESSAGE };
}

export function keychainError(reason: string): CostError {
  return {
    kind: 'keychain_unavailable',
    message: `The OS keychain could not be read (${reason}). Unlock or start your keychain, or set ANTHROPIC_ADMIN_API_KEY.`,
  };
}

/** An HTTP answer other than 200 from the Admin API. */
export function statusError(status: number, retryAfterS: number | undefined, requestId: string | undefined): CostError {
  const ref = requestId ? ` (request ${requestId})` : '';
  if (status === 401) {
    return {
      kind: 'auth_failed',
      message: `Key rejected: it may be revoked or not an admin key — replace it in Settings${ref}.`,
    };
  }
  if (status === 403) {
    return {
      kind: 'auth_failed',
      message: `Key not allowed to read costs: the cost report needs an organization admin key (sk-ant-admin…); workspace keys and individual accounts are refused — replace it in Settings${ref}.`,
    };
  }
  if (status === 429) {
    const wait = retryAfterS !== undefined ? `retrying in ${retryAfterS} s` : 'retrying later';
    return {
      kind: 'rate_limited',
      message: `The Admin API is rate-limiting cost requests; ${wait}. Figures shown are the last good ones${ref}.`,
      ...(retryAfterS !== undefined && { retryAfterS }),
    };
  }
  if (status === 529) {
    return { kind: 'network', message: `The Admin API is overloaded (HTTP 529); retrying automatically${ref}.` };
  }
  if (status >= 500) {
    return { kind: 'network', message: `The Admin API failed with HTTP ${status}; retrying automatically${ref}.` };
  }
  return {
    kind: 'unknown',
    message: `The Admin API answered HTTP ${status}, which this version does not understand${ref}. Check ATTUNE_ANTHROPIC_BASE_URL or update Attune Ops.`,
  };
}

/** No HTTP answer at all: timeout, refused, DNS, reset. */
export function transportError(code: string | undefined, host: string, timeoutMs: number): CostError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const why =
    code === 'ECONNABORTED' || code === 'ETIMEDOUT'
      ? `no answer from ${host} within ${seconds} s`
      : code === 'ECONNREFUSED'
        ? `connection to ${host} refused`
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? `${host} could not be resolved (offline or DNS failure)`
          : code === 'ECONNRESET'
            ? `connection to ${host} was reset`
            : `could not reach ${host}${code ? ` (${code})` : ''}`;
  return {
    kind: 'network',
    message: `Cost report unavailable: ${why}. Check your connection; retrying automatically.`,
  };
}

export function shapeError(what: string): CostError {
  return {
    kind: 'unknown',
    message: `The Admin API answer could not be read: ${what}. Check ATTUNE_ANTHROPIC_BASE_URL or update Attune Ops.`,
  };
}

/** `retry-after` as seconds from now: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
