/**
 * DNS-rebinding defence: the Host header must name this server. Accepted: `host:port`;
 * when bound to loopback also `localhost`, `127.0.0.1` and `[::1]` with the port; each
 * trusted host as given, and a port-less trusted host also bare, with `:80` and `:443`.
 * Comparison is case-insensitive; a missing Host is untrusted. Runs before auth and routing.
 */
import type { Middleware } from 'koa';
import { OpsError } from '../../core/errors.js';

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function withPort(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/** The set of Host header values accepted for a server bound to `host` on `port`. */
export function allowedHosts(host: string, port: number, trustedHosts: readonly string[]): Set<string> {
  const allowed = new Set<string>([withPort(host, port).toLowerCase()]);
  if (isLoopbackHost(host)) {
    for (const alias of ['localhost', '127.0.0.1', '[::1]']) allowed.add(`${alias}:${port}`);
  }
  for (const trusted of trustedHosts) {
    const entry = trusted.trim().toLowerCase();
    if (!entry) continue;
    const hasPort = /:\d+$/.test(entry) && !/^[^[]*:.*:/.test(entry);
    if (hasPort) {
      allowed.add(entry);
    } else {
      allowed.add(entry);
      allowed.add(withPort(entry, 80));
      allowed.add(withPort(entry, 443));
    }
  }
  return allowed;
}

/** Throws 400 `untrusted_host` unless the request's Host is allowed. */
export function hostAllowlist(options: {
  host: string;
  trustedHosts: readonly string[];
  port: () => number;
}): Middleware {
  let cachedPort = -1;
  let cached = new Set<string>();
  return (ctx, next) => {
    const port = options.port();
    if (port !== cachedPort) {
      // Entries are lower-case; one with surrounding blanks can never equal a trimmed header,
      // so dropping it changes nothing and makes the as-sent lookup below exact.
      cached = new Set(
        [...allowedHosts(options.host, port, options.trustedHosts)].filter((entry) => entry === entry.trim()),
      );
      cachedPort = port;
    }
    // A header found as sent is already trimmed and lower-case: no normalising needed.
    const sent = ctx.req.headers.host;
    if (sent !== undefined && cached.has(sent)) return next();
    const header = (sent ?? '').trim().toLowerCase();
    if (!header || !cached.has(header)) {
      throw new OpsError(
        400,
        'untrusted_host',
        'This server only answers requests addressed to its own host name. Add the host with --trusted-host if you use a proxy or tunnel.',
      );
    }
    return next();
  };
}
