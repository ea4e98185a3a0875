/**
 * docs/API.md documents the contract: every `API_ROUTES` entry has a line naming it as
 * `` `METHOD /path` ``, every route the page names is in the contract, and each event
 * stream's section (a heading, then a paragraph starting with its route) names each of
 * its events as `` `event: name` ``.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_ROUTES } from '../../main/contract/index.js';
import { routeKey } from '../support/checked-api.js';

const doc = await readFile(new URL('../../docs/API.md', import.meta.url), 'utf8');

/** The section whose heading is followed by `` `GET path` ``, up to the next heading. */
function streamSection(path: string): string {
  const start = doc.search(new RegExp(`^###? .*\\n+\`GET ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``, 'm'));
  if (start === -1) return '';
  const rest = doc.slice(doc.indexOf('\n', start));
  const end = rest.search(/^##/m);
  return end === -1 ? rest : rest.slice(0, end);
}

describe('docs/API.md', () => {
  it('has an entry for every route of the contract', () => {
    const missing = API_ROUTES.map(routeKey).filter((key) => !doc.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  it('names no route the contract does not have', () => {
    const named = [...doc.matchAll(/`((?:GET|POST|PUT|DELETE) \/api\/[^`\s]*)`/g)].map((match) => match[1]);
    const known = new Set(API_ROUTES.map(routeKey));
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((key) => !known.has(key!))).toEqual([]);
  });

  it("has an entry for every event of every stream, in that stream's section", () => {
    const streams = API_ROUTES.flatMap((route) =>
      route.answer.kind === 'sse' ? [[route.path, route.answer.stream] as const] : [],
    );
    expect(streams.map(([, stream]) => stream).sort()).toEqual(Object.keys(API_EVENTS).sort());
    for (const [path, stream] of streams) {
      const section = streamSection(path);
      expect(section, `a section for ${path}`).not.toBe('');
      const missing = Object.keys(API_EVENTS[stream as keyof typeof API_EVENTS]).filter(
        (name) => !section.includes(`\`event: ${name}\``),
      );
      expect(missing, path).toEqual([]);
    }
  });
});
