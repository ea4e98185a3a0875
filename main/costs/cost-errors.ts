/**
 * Turns everything that can go wrong while fetching the cost report into a `CostError`
 * with one of the stable kinds and a message a user can act on. Messages are built here
 * from facts we chose (status, host, error code) plus the Admin API's documented error
 * body, which is scrubbed of key shapes, flattened and length-bounded first; nothing is
 * copied from a request or an axios error. The remedy follows where the key came from.
 */
import { redactKeyShapes, type SecretRedactor } from '../logging/redact.js';
import { ADMIN_KEY_ENV } from '../secrets/admin-key.js';
import type { CostError } from './cost-types.js';

export const NO_KEY_MESSAGE =
  'No Anthropic admin key is configured. Connect billing in Settings (paste an admin key, sk-ant-admin…) or set ANTHROPIC_ADMIN_API_KEY.';

export function noKeyError(): CostError {
  return { kind: 'no_key', message: NO_KEY_MESSAGE };
}

export function keychainError(reason: string): CostError {
  return {
    kind: 'keychain_unavailable',
    message: `The OS keychain could not be read: ${asSentence(reason)} Unlock or start your keychain, or set ANTHROPIC_ADMIN_API_KEY.`,
  };
}

/** What the Admin API's documented error body said, already made safe to show. */
export interface UpstreamError {
  type: string | null;
  message: string | null;
  requestId: string | null;
}

export type KeySource = 'env' | 'keychain';

const MAX_UPSTREAM_TYPE = 64;
const MAX_UPSTREAM_MESSAGE = 300;

/** Foreign text made safe to show: key shapes scrubbed, control characters removed, length bounded. */
export function safeUpstreamText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const flat = redactKeyShapes(value)
    .replace(/\p{Cc}+/gu, ' ')
    .trim();
  if (flat.length === 0) return null;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `{type: "error", error: {type, message}, request_id}` (docs/ADMIN-API.md "Errors"); nulls when absent or not JSON. */
export function parseErrorBody(text: string, headerRequestId: string | undefined): UpstreamError {
  let body: { error?: { type?: unknown; message?: unknown }; request_id?: unknown } = {};
  try {
    const json: unknown = JSON.parse(text);
    if (json !== null && typeof json === 'object') body = json as typeof body;
  } catch {
    // Not JSON (a proxy's HTML page, for example): only the status and header are known.
  }
  const error = body.error !== null && typeof body.error === 'object' ? body.error : {};
  return {
    type: safeUpstreamText(error.type, MAX_UPSTREAM_TYPE),
    message: safeUpstreamText(error.message, MAX_UPSTREAM_MESSAGE),
    requestId:
      safeUpstreamText(body.request_id, MAX_UPSTREAM_TYPE) ?? safeUpstreamText(headerRequestId, MAX_UPSTREAM_TYPE),
  };
}

/** How the messages name the report asked (the cost report unless another report gives its own). */
export interface ReportWords {
  /** The 403 sentence, before the remedy. */
  forbidden: string;
  /** What is rate-limited ("cost requests") and what was refused ("the cost request"). */
  requests: string;
  request: string;
  /** A transport failure's subject ("Cost report unavailable"). */
  unavailable: string;
}

export const COST_REPORT_WORDS: ReportWords = {
  forbidden:
    'Key not allowed to read costs: the cost report needs an organization admin key (sk-ant-admin…); workspace keys and individual accounts are refused',
  requests: 'cost requests',
  request: 'the cost request',
  unavailable: 'Cost report unavailable',
};

export interface StatusErrorInput {
  status: number;
  retryAfterS?: number;
  upstream: UpstreamError;
  keySource: KeySource;
  words?: ReportWords;
}

/** A reason from a library as a sentence: capitalised, ending with a full stop. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'No reason was given.';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** An HTTP answer other than 200 from the Admin API, with what it said and the remedy for where the key came from. */
export function statusError(input: StatusErrorInput): CostError {
  const { status, retryAfterS, upstream, keySource, words = COST_REPORT_WORDS } = input;
  const said =
    upstream.type || upstream.message
      ? ` The Admin API said: ${[upstream.type, upstream.message].filter(Boolean).join(': ')}.`
      : '';
  const ref = upstream.requestId ? ` (request ${upstream.requestId})` : '';
  const details = { upstream, keySource };
  const replace =
    keySource === 'env'
      ? `set ${ADMIN_KEY_ENV} to a valid organization admin key and restart (the variable takes precedence over Settings)`
      : 'replace it in Settings';
  if (status === 401) {
    return {
      kind: 'auth_failed',
      message: `Key rejected: it may be revoked or not an admin key — ${replace}.${said}${ref}`,
      ...details,
    };
  }
  if (status === 403) {
    return {
      kind: 'auth_failed',
      message: `${words.forbidden} — ${replace}.${said}${ref}`,
      ...details,
    };
  }
  if (status === 429) {
    // Neutral about retries: the server retries on its schedule, a one-shot CLI run does not.
    const wait =
      retryAfterS !== undefined
        ? `asks to wait ${retryAfterS} s before the next one`
        : 'asks to wait before the next one';
    return {
      kind: 'rate_limited',
      message: `The Admin API is rate-limiting ${words.requests} and ${wait}.${said}${ref}`,
      ...(retryAfterS !== undefined && { retryAfterS }),
      ...details,
    };
  }
  if (status === 529) {
    return {
      kind: 'network',
      message: `The Admin API is overloaded (HTTP 529); try again in a few minutes.${said}${ref}`,
      ...details,
    };
  }
  if (status >= 500) {
    return {
      kind: 'network',
      message: `The Admin API failed with HTTP ${status}; try again in a few minutes.${said}${ref}`,
      ...details,
    };
  }
  if (said) {
    return {
      kind: 'unknown',
      message: `The Admin API refused ${words.request} (HTTP ${status}).${said}${ref} Check ATTUNE_ANTHROPIC_BASE_URL or update Attune Ops.`,
      ...details,
    };
  }
  return {
    kind: 'unknown',
    message: `The Admin API answered HTTP ${status}, which this version does not understand${ref}. Check ATTUNE_ANTHROPIC_BASE_URL or update Attune Ops.`,
    ...details,
  };
}

/** No HTTP answer at all: timeout, refused, DNS, reset. */
export function transportError(
  code: string | undefined,
  host: string,
  timeoutMs: number,
  words: ReportWords = COST_REPORT_WORDS,
): CostError {
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
    message: `${words.unavailable}: ${why}. Check your connection and try again.`,
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

/** The exact key (and every secret registered) out of an error's message and its upstream message, before it is kept or shown. */
export function redactCostError(redactor: SecretRedactor, error: CostError): CostError {
  const upstream = error.upstream && {
    ...error.upstream,
    message: error.upstream.message === null ? null : redactor.redact(error.upstream.message),
  };
  return { ...error, message: redactor.redact(error.message), ...(upstream && { upstream }) };
}
