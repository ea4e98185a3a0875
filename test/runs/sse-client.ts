/**
 * A small SSE client over a raw HTTP request, for tests: parses `id`/`event`/`data`
 * records, can stop reading on demand (to play a stalled reader), and resolves when the
 * server closes the stream. Each event is checked against the contract's schema for its
 * stream (test/support/checked-api.ts): the first mismatch makes `ended` reject and
 * `lines()` throw.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { findRoute, type EventStreamName } from '../../main/contract/index.js';
import { checkEvent } from '../support/checked-api.js';

export interface SseRecord {
  id?: string;
  event: string;
  data: string;
}

export interface SseClient {
  events: SseRecord[];
  retry: number | undefined;
  response: Promise<IncomingMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  pause(): void;
  resume(): void;
  close(): void;
  lines(): Array<{ seq: number; text: string; stream: string }>;
}

export function openSseClient(port: number, path: string, headers: Record<string, string> = {}): SseClient {
  const events: SseRecord[] = [];
  let res: IncomingMessage | undefined;
  let req: ClientRequest;
  let retry: number | undefined;
  let buffer = '';
  const route = findRoute('GET', path);
  const stream = route?.answer.kind === 'sse' ? (route.answer.stream as EventStreamName) : undefined;
  let violation: Error | undefined;
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const ended = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const resolveEnded = () => (violation ? settle.reject(violation) : settle.resolve());
  const parseBlock = (block: string) => {
    const record: SseRecord = { event: 'message', data: '' };
    let isEvent = false;
    for (const line of block.split('\n')) {
      if (line.startsWith('retry: ')) retry = Number(line.slice(7));
      else if (line.startsWith('id: ')) record.id = line.slice(4);
      else if (line.startsWith('event: ')) record.event = line.slice(7);
      else if (line.startsWith('data: ')) {
        record.data += (isEvent ? '\n' : '') + line.slice(6);
        isEvent = true;
      }
    }
    if (!isEvent) return;
    if (stream && !violation)
      try {
        checkEvent(stream, record);
      } catch (error) {
        violation = error as Error;
      }
    events.push(record);
  };
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req = request(
      { host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers } },
      (incoming) => {
        res = incoming;
        resolve(incoming);
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          buffer += chunk;
          let start = 0;
          let end = buffer.indexOf('\n\n', start);
          while (end !== -1) {
            parseBlock(buffer.slice(start, end));
            start = end + 2;
            end = buffer.indexOf('\n\n', start);
          }
          buffer = buffer.slice(start);
        });
        incoming.on('end', resolveEnded);
        incoming.on('close', resolveEnded);
      },
    );
    req.on('error', (error) => {
      reject(error);
      resolveEnded();
    });
    req.end();
  });
  return {
    events,
    get retry() {
      return retry;
    },
    response,
    ended,
    pause: () => res?.pause(),
    resume: () => res?.resume(),
    close: () => {
      req.destroy();
      resolveEnded();
    },
    lines: () => {
      if (violation) throw violation;
      return events
        .filter((e) => e.event === 'line')
        .map((e) => JSON.parse(e.data) as { seq: number; text: string; stream: string });
    },
  };
}
