/**
 * The one decision "is this an API request?", taken on the path as a lax matcher could
 * read it: percent-decoded, backslashes as slashes, runs of slashes collapsed, case
 * folded. Anything whose folded form starts with `/api` is API: it needs the token
 * (but the exact `/api/health`), gets the JSON body parser and the JSON 404, and is never
 * answered by the console's static files. The router itself is case-sensitive and strict
 * (api-router.ts), so only the exact spelling of a route ever reaches a handler.
 */

export const PUBLIC_API_PATHS: ReadonlySet<string> = new Set(['/api/health']);

export function isApiPath(path: string): boolean {
  if (path.startsWith('/api')) return true;
  return foldPath(path).startsWith('/api');
}

/** The path a case-insensitive, decoding, slash-collapsing matcher would see. */
export function foldPath(path: string): string {
  let decoded = path;
  // Decode until stable (a double-encoded `%2561` must not hide `/api` either), a few rounds at most.
  for (let round = 0; round < 3 && decoded.includes('%'); round += 1) {
    const next = safeDecode(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  return decoded.replace(/[\\/]+/g, '/').toLowerCase();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` elsewhere must not keep an encoded `/api` from being seen: decode piecewise.
    return text.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  }
}
