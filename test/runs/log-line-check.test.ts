/**
 * The log line check's fast path (no parse) must never pass text that is not valid JSON:
 * every line the writer can produce passes unchanged, and every cut of such a line closed
 * off with `"}` (what a torn write followed by a hand edit, or a cut just before an escaped
 * quote, looks like) is accepted only as valid JSON in our shape.
 */
import { describe, expect, it } from 'vitest';
import { encodeLines } from '../../main/runs/log/log-block.js';
import { checkLine, decodeLogLine } from '../../main/runs/log/record-check.js';
import { encodeLogLine } from '../../main/runs/run-types.js';

const T = '2026-01-02T03:04:05.678Z';
const TEXTS = [
  'plain',
  '',
  'say "hi"',
  'back\\slash\\',
  'tab\there',
  '\u001b[31mred\u001b[0m',
  'ends with \\"',
  'unicode € 😀',
  'fake {"seq":9,"t":"x"}',
  '\\u00zz',
  'cr\rlf',
];

describe('checkLine', () => {
  it('passes every line the writer encodes, as it is', () => {
    for (const text of TEXTS) {
      const encoded = encodeLogLine(7, T, 'stderr', text);
      expect(checkLine(encoded)).toEqual({ kind: 'ok', seq: 7, t: T, text: encoded, salvaged: false });
      const block = encodeLines(3, T, 'stdout', [text]).slice(0, -1);
      expect(checkLine(block)).toMatchObject({ kind: 'ok', seq: 3, text: block });
    }
  });

  it('accepts a cut line closed with "} only when that is valid JSON, else reports it torn at its seq', () => {
    for (const text of TEXTS) {
      const encoded = encodeLogLine(12, T, 'stdout', text);
      for (let cut = 1; cut < encoded.length; cut++) {
        const candidate = `${encoded.slice(0, cut)}"}`;
        const checked = checkLine(candidate);
        let valid = true;
        try {
          JSON.parse(candidate);
        } catch {
          valid = false;
        }
        if (checked.kind === 'ok') expect(decodeLogLine(checked.text), candidate).not.toBeNull();
        if (!valid) expect(checked.kind === 'ok' ? 'ok' : 'rejected', candidate).toBe('rejected');
        if (!valid && cut >= '{"seq":12,'.length) expect(checked, candidate).toEqual({ kind: 'torn', seq: 12 });
      }
    }
  });

  it('re-encodes another valid JSON line in our shape, gives back a line glued after a torn one, and rejects the rest', () => {
    expect(checkLine('{"text":"x","seq":4,"stream":"weird","t":"<b>"}')).toEqual({
      kind: 'ok',
      seq: 4,
      t: '',
      text: encodeLogLine(4, '', 'stdout', 'x'),
      salvaged: false,
    });
    const next = encodeLogLine(5, T, 'stdout', 'five');
    expect(checkLine(`{"seq":4,"t":"${T}","stream":"stdout","text":"fo${next}`)).toEqual({
      kind: 'ok',
      seq: 5,
      t: T,
      text: next,
      salvaged: true,
    });
    expect(checkLine('{"seq":0,"text":"zero"}')).toEqual({ kind: 'unreadable' });
    expect(checkLine('not a log line')).toEqual({ kind: 'unreadable' });
    expect(checkLine(`{"seq":8,"t":"${T}","stream":"stdout","text":"raw\u0007bell"}`)).toEqual({
      kind: 'torn',
      seq: 8,
    });
  });
});
