/**
 * ANSI SGR colours of a log line → React spans with classes (anser in JSON mode), with
 * optional case-insensitive highlighting of a search term as <mark>. Text only ever
 * becomes React text children: never HTML, so a line cannot inject markup.
 * 256-colour and truecolour values become a CSSOM `color` (allowed by the strict CSP,
 * which forbids only inline style attributes in markup).
 */
import Anser from 'anser';
import type { CSSProperties, ReactNode } from 'react';

export interface AnsiSegment {
  text: string;
  classes: string[];
  style?: CSSProperties;
}

const ESC = '\u001b';

/** Splits a line into styled segments; a line without ESC is one plain segment. */
export function ansiSegments(text: string): AnsiSegment[] {
  if (!text.includes(ESC)) return [{ text, classes: [] }];
  return Anser.ansiToJson(text, { json: true, use_classes: true, remove_empty: true }).map((entry) => {
    const classes: string[] = [];
    const style: CSSProperties = {};
    colour(entry.fg, entry.fg_truecolor, 'fg', classes, style);
    colour(entry.bg, entry.bg_truecolor, 'bg', classes, style);
    for (const decoration of entry.decorations ?? []) classes.push(`ansi-${decoration}`);
    return Object.keys(style).length > 0 ? { text: entry.content, classes, style } : { text: entry.content, classes };
  });
}

/** The line's visible text without escape sequences (for copy and search display). */
export function stripAnsi(text: string): string {
  return text.includes(ESC) ? Anser.ansiToText(text) : text;
}

function colour(
  name: string | null,
  truecolor: string | null,
  layer: 'fg' | 'bg',
  classes: string[],
  style: CSSProperties,
): void {
  if (!name) return;
  const property = layer === 'fg' ? 'color' : 'backgroundColor';
  if (name === 'ansi-truecolor' && truecolor) style[property] = `rgb(${truecolor})`;
  else if (name.startsWith('ansi-palette-'))
    style[property] = paletteColour(Number(name.slice('ansi-palette-'.length)));
  else classes.push(`${name}-${layer}`);
}

/** xterm 256-colour palette entry as CSS (0–15 map onto our themed classes' hues). */
export function paletteColour(index: number): string {
  const base = [
    '#000000',
    '#cd3131',
    '#0dbc79',
    '#e5e510',
    '#2472c8',
    '#bc3fbc',
    '#11a8cd',
    '#e5e5e5',
    '#666666',
    '#f14c4c',
    '#23d18b',
    '#f5f543',
    '#3b8eea',
    '#d670d6',
    '#29b8db',
    '#ffffff',
  ];
  if (index < 16) return base[index] ?? 'inherit';
  if (index < 232) {
    const n = index - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(n / 36))}, ${level(Math.floor(n / 6) % 6)}, ${level(n % 6)})`;
  }
  const grey = 8 + (index - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}

/** Renders a line's segments, marking occurrences of `highlight`. */
export function AnsiText({ text, highlight = '' }: { text: string; highlight?: string }) {
  return (
    <>
      {ansiSegments(text).map((segment, i) => {
        const content = highlight ? markMatches(segment.text, highlight) : segment.text;
        if (segment.classes.length === 0 && !segment.style) return <span key={i}>{content}</span>;
        return (
          <span key={i} className={segment.classes.join(' ')} style={segment.style}>
            {content}
          </span>
        );
      })}
    </>
  );
}

function markMatches(text: string, query: string): ReactNode {
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const out: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) out.push(text.slice(from, at));
    out.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (out.length === 0) return text;
  if (from < text.length) out.push(text.slice(from));
  return out;
}
