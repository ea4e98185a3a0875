/**
 * What a terminal shows for one log line. A program drawing progress writes
 * `progress 10%\rprogress 100%`: each carriage return sends the cursor back to the start of
 * the line, and the terminal ends up showing the text after the last one. A trailing `\r`
 * (CRLF output, split at the LF) moves the cursor without overwriting anything, so it is
 * ignored. Only the view applies this; the downloaded log keeps the raw text.
 */

export function terminalText(raw: string): string {
  const text = raw.endsWith('\r') ? raw.replace(/\r+$/, '') : raw;
  const last = text.lastIndexOf('\r');
  return last < 0 ? text : text.slice(last + 1);
}
