/**
 * Raw HTTP for stream tests: a GET whose response is handed over as soon as its head
 * arrives (the body still streaming), and a response's whole body as text once its
 * connection closes (ended by the server, or cut).
 */
import { request, type IncomingMessage } from 'node:http';

export function openRaw(port: number, path: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) =>
    request({ host: '127.0.0.1', port, path, headers }, resolve).on('error', reject).end(),
  );
}

export function bodyText(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    res.on('data', (chunk: Buffer) => (text += chunk.toString()));
    res.on('close', () => resolve(text));
  });
}
