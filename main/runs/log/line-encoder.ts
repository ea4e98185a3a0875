/**
 * Encodes a run's output, as it arrives in bytes, into blocks: the log file's records and
 * the matching `line` events (formats in log-block.ts), without making a JS string per
 * line. The work is done by a small WebAssembly module (line-encoder.wat) that scans 16
 * bytes at a time and copies in bulk; this side feeds it pieces of whole lines and copies
 * the results out into Buffers, which live outside the JS heap, so a flood of output costs
 * neither per-line objects nor garbage-collector copying.
 *
 * Input: complete lines, each ending in `\n`, valid UTF-8 (line-splitter.ts guarantees
 * both). A line longer than one piece goes through the string encoder instead
 * (`encodeTextBlock`), so the module's memory stays a fixed size whatever the output.
 * Both paths give byte-identical results, and the events are exactly what log-block.ts
 * `recordsToEvents` makes of the records (test/runs/line-encoder.test.ts).
 */
import { type EncodedBlock, encodeTextBlock } from './log-block.js';
import { LINE_ENCODER_WASM_BASE64 } from './line-encoder-wasm.js';
import type { LogStream } from '../run-types.js';

/** Input bytes encoded per call: the memory below is sized for the worst case of this. */
export const PIECE_BYTES = 32 * 1024;
/** Room for the record head `,"t":"…","stream":"…","text":"`. */
const HEAD_MAX = 192;
/** The module keeps its constants below this offset (line-encoder.wat). */
const HEAD_AT = 256;
const INPUT_AT = HEAD_AT + HEAD_MAX;
/** The 16-byte scans may read this far past the input's last byte. */
const SCAN_SLACK = 32;
/** Worst case per line besides its text: `{"seq":` + 16 digits + head + `"}\n`. */
const RECORD_OVERHEAD = 7 + 16 + HEAD_MAX + 3;
/** Worst case per event besides its record: `id: ` + 16 digits + `\nevent: line\ndata: ` + `\n`. */
const EVENT_OVERHEAD = 4 + 16 + 19 + 1;
/** Every byte escaped as \u00xx, every byte a line (a piece of empty lines). */
const FILE_ROOM = PIECE_BYTES * (6 + RECORD_OVERHEAD);
const EVENTS_ROOM = FILE_ROOM + PIECE_BYTES * EVENT_OVERHEAD;
const FILE_AT = INPUT_AT + PIECE_BYTES + SCAN_SLACK;
const EVENTS_AT = FILE_AT + FILE_ROOM;
const MEMORY_BYTES = EVENTS_AT + EVENTS_ROOM;
const NEWLINE = 10;

interface EncoderExports {
  memory: WebAssembly.Memory;
  fileLen: WebAssembly.Global;
  eventsLen: WebAssembly.Global;
  lineCount: WebAssembly.Global;
  encode(
    input: number,
    length: number,
    seq: number,
    head: number,
    headLength: number,
    fileOut: number,
    eventsOut: number,
  ): number;
}

export class LineEncoder {
  private readonly exports: EncoderExports;
  private readonly memory: Uint8Array;

  constructor() {
    const module = new WebAssembly.Module(Buffer.from(LINE_ENCODER_WASM_BASE64, 'base64'));
    this.exports = new WebAssembly.Instance(module).exports as unknown as EncoderExports;
    const pages = Math.ceil(MEMORY_BYTES / 65_536) - this.exports.memory.buffer.byteLength / 65_536;
    if (pages > 0) this.exports.memory.grow(pages);
    this.memory = new Uint8Array(this.exports.memory.buffer);
  }

  /** The blocks for `lines` (whole lines, valid UTF-8), numbered from `firstSeq`. */
  encode(lines: Uint8Array, firstSeq: number, t: string, stream: LogStream): EncodedBlock[] {
    assertWholeLines(lines);
    const head = Buffer.from(`,"t":"${t}","stream":"${stream}","text":"`);
    if (head.length > HEAD_MAX) throw new Error(`record head of ${head.length} bytes`);
    this.memory.set(head, HEAD_AT);
    const blocks: EncodedBlock[] = [];
    let seq = firstSeq;
    let start = 0;
    while (start < lines.length) {
      let end = lines.length;
      if (end - start > PIECE_BYTES) {
        end = lines.lastIndexOf(NEWLINE, start + PIECE_BYTES - 1) + 1;
        if (end <= start) {
          // One line longer than a piece: the string encoder takes it alone.
          end = lines.indexOf(NEWLINE, start) + 1;
          blocks.push(longLine(lines, start, end, seq, t, stream));
          seq += 1;
          start = end;
          continue;
        }
      }
      const block = this.encodePiece(lines.subarray(start, end), seq, head.length);
      blocks.push(block);
      seq += block.count;
      start = end;
    }
    return blocks;
  }

  private encodePiece(piece: Uint8Array, firstSeq: number, headLength: number): EncodedBlock {
    const { exports, memory } = this;
    memory.set(piece, INPUT_AT);
    const count = exports.encode(INPUT_AT, piece.length, firstSeq, HEAD_AT, headLength, FILE_AT, EVENTS_AT);
    const file = Buffer.allocUnsafe(exports.fileLen.value as number);
    file.set(memory.subarray(FILE_AT, FILE_AT + file.length));
    const events = Buffer.allocUnsafe(exports.eventsLen.value as number);
    events.set(memory.subarray(EVENTS_AT, EVENTS_AT + events.length));
    return { firstSeq, count, file, events };
  }
}

/** The module's scans stop only at a \n: input that does not end with one would be read past (the contract above). */
function assertWholeLines(bytes: Uint8Array): void {
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE)
    throw new Error('the line encoder takes whole lines only (the input must end with \\n)');
}

function longLine(
  lines: Uint8Array,
  start: number,
  end: number,
  seq: number,
  t: string,
  stream: LogStream,
): EncodedBlock {
  let text = Buffer.from(lines.buffer, lines.byteOffset + start, end - 1 - start).toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return encodeTextBlock(seq, t, stream, [text]);
}
