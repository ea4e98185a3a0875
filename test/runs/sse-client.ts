/**
 * A small SSE client over a raw HTTP request, for tests: parses `id`/`event`/`data`
 * records, can stop reading on demand (to play a stalled reader), and resolves when the
 * server closes the stream.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';

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
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
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
    if (isEvent) events.push(record);
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
    lines: () =>
      events
        .filter((e) => e.event === 'line')
        .map((e) => JSON.parse(e.data) as { seq: number; text: string; stream: string }),
  };
}
