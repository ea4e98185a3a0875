/**
 * Regular expressions that cannot run away: V8's linear-time engine (flag `l`, enabled on
 * first use through a V8 option of this process that changes nothing for other regexes).
 * That engine has no `i` flag, so a case-insensitive pattern is rewritten first: each
 * letter outside an escape becomes both cases (`a` → `[aA]`, in a class `a-z` → `a-zA-Z`);
 * escapes (`\d`, `\u00e9`, `\p{L}`…) and group names are kept as written. Patterns the
 * engine cannot run in linear time (backreferences, lookaround) are refused.
 */
import { setFlagsFromString } from 'node:v8';

export type LinearRegExp =
  { kind: 'ok'; regex: RegExp } | { kind: 'invalid'; message: string } | { kind: 'unsupported' };

export function linearRegExp(source: string, caseSensitive: boolean): LinearRegExp {
  try {
    new RegExp(source, caseSensitive ? '' : 'i');
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message.replace(/^Invalid regular expression: /, '') };
  }
  const pattern = caseSensitive ? source : bothCases(source);
  // `l` (linear) is a V8 flag that eslint does not know.
  const LINEAR = 'l';
  try {
    return { kind: 'ok', regex: new RegExp(pattern, LINEAR) };
  } catch {
    setFlagsFromString('--enable-experimental-regexp-engine');
  }
  try {
    return { kind: 'ok', regex: new RegExp(pattern, LINEAR) };
  } catch {
    return { kind: 'unsupported' };
  }
}

/** The pattern with every letter outside escapes matching both cases. */
export function bothCases(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const escape = escapeAt(source, i);
      out += escape;
      i += escape.length - 1;
    } else if (!inClass && c === '(' && source.startsWith('(?<', i) && !/^\(\?<[=!]/.test(source.slice(i, i + 4))) {
      const end = source.indexOf('>', i);
      out += source.slice(i, end + 1);
      i = end;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (inClass && source[i + 1] === '-' && source[i + 2] !== undefined && source[i + 2] !== ']') {
      const to = source[i + 2]!;
      out += `${c}-${to}`;
      if (other(c) !== c && other(to) !== to) out += `${other(c)}-${other(to)}`;
      i += 2;
    } else if (other(c) !== c) {
      out += inClass ? `${c}${other(c)}` : `[${c}${other(c)}]`;
    } else {
      out += c;
    }
  }
  return out;
}

/** The whole escape starting at `at` (a backslash): `\d`, `\xHH`, `\uHHHH`, `\u{…}`, `\p{…}`, `\cX`. */
function escapeAt(source: string, at: number): string {
  const next = source[at + 1] ?? '';
  const braced = /^\\[upPk]\{[^}]*\}|^\\k<[^>]*>/.exec(source.slice(at));
  if (braced) return braced[0];
  if (next === 'x') return source.slice(at, at + 4);
  if (next === 'u') return source.slice(at, at + 6);
  if (next === 'c') return source.slice(at, at + 3);
  return source.slice(at, at + 2);
}

function other(c: string): string {
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  if (lower.length !== 1 || upper.length !== 1) return c;
  return c === lower ? upper : lower;
}
