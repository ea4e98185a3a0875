/**
 * Environment knobs of the cost capability, read from the injected env (never
 * process.env): the Admin API base URL and the cache TTL. Bad values fall back to safe
 * defaults instead of stopping the server.
 */
import { DEFAULT_ADMIN_API_BASE_URL } from './cost-client.js';

export const BASE_URL_ENV = 'ATTUNE_ANTHROPIC_BASE_URL';
export const TTL_ENV = 'ANTHROPIC_COST_CACHE_TTL_SECONDS';
export const DEFAULT_TTL_SECONDS = 900;
export const MIN_TTL_SECONDS = 1;

type Env = Record<string, string | undefined>;

/** TTL in seconds: unparsable → 900, below 1 → 1. */
export function cacheTtlSeconds(env: Env): number {
  const text = env[TTL_ENV]?.trim();
  if (!text) return DEFAULT_TTL_SECONDS;
  const value = Number(text);
  if (!Number.isFinite(value)) return DEFAULT_TTL_SECONDS;
  return Math.max(MIN_TTL_SECONDS, Math.floor(value));
}

/** The Admin API base URL; an unset, blank or non-http(s) value means the real API. */
export function adminApiBaseUrl(env: Env): string {
  const text = env[BASE_URL_ENV]?.trim();
  if (!text) return DEFAULT_ADMIN_API_BASE_URL;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : DEFAULT_ADMIN_API_BASE_URL;
  } catch {
    return DEFAULT_ADMIN_API_BASE_URL;
  }
}
