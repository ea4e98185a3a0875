/**
 * A checked client for integration tests: every answer is looked up in the contract's
 * `API_ROUTES` by method and path pattern and validated (success bodies by the route's
 * schema for that status, failures by the error body schema, event data by the stream's
 * event schemas), and the request body and query against the route's request schemas.
 * A mismatch throws with the zod issues, so the test fails on it.
 * It records which routes answered with a success status (see `covered`).
 */
import { z } from 'zod';
import {
  API_EVENTS,
  errorBodySchema,
  findRoute,
  type ApiRoute,
  type EventStreamName,
  type HttpMethod,
} from '../../main/contract/index.js';

export type ApiFetch = (path: string, init?: RequestInit & { auth?: boolean; json?: unknown }) => Promise<Response>;

export interface Checked<T = unknown> {
  status: number;
  body: T;
  response: Response;
  route: ApiRoute;
}

export interface SseEventRecord {
  id?: string;
  event: string;
  data: unknown;
}

export interface CheckedApi {
  /** A JSON route: the parsed, validated body (success or error). */
  json<T = unknown>(method: HttpMethod, path: string, init?: { json?: unknown; auth?: boolean }): Promise<Checked<T>>;
  /** A text route (CSV, plain text): the text, with the content type checked. */
  text(method: HttpMethod, path: string): Promise<Checked<string>>;
  /** An event stream: the validated events, read until the server closes or `until` says stop. */
  events(path: string, until?: (events: SseEventRecord[]) => boolean): Promise<SseEventRecord[]>;
  /** `METHOD path-pattern` of every route that answered a success status. */
  covered: Set<string>;
}

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

export const routeKey = (route: Pick<ApiRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export function checkedApi(api: ApiFetch): CheckedApi {
  const covered = new Set<string>();
  const lookup = (method: HttpMethod, path: string): ApiRoute => {
    const route = findRoute(method, path);
    if (!route) throw new ContractViolation(`${method} ${path}: no API_ROUTES entry matches this request`);
    return route;
  };

  const json: CheckedApi['json'] = async (method, path, init = {}) => {
    const route = lookup(method, path);
    const response = await api(path, { method, ...init });
    const text = await response.text();
    const body = checkJsonAnswer(route, method, path, response.status, text);
    if (response.ok) covered.add(routeKey(route));
    checkRequest(route, path, init.json, response.status, body);
    return { status: response.status, body: body as never, response, route };
  };

  const textRoute: CheckedApi['text'] = async (method, path) => {
    const route = lookup(method, path);
    const response = await api(path, { method });
    const body = await response.text();
    checkTextAnswer(route, method, path, response, body);
    if (response.ok) covered.add(routeKey(route));
    return { status: response.status, body, response, route };
  };

  const events: CheckedApi['events'] = async (path, until = () => false) => {
    const route = lookup('GET', path);
    if (route.answer.kind !== 'sse') throw new ContractViolation(`${routeKey(route)} is not an event stream`);
    const controller = new AbortController();
    const response = await api(path, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) {
      check(errorBodySchema, parseJson(await response.text(), path), `GET ${path} → ${response.status} (error body)`);
      throw new ContractViolation(`GET ${path}: answered ${response.status}, not an event stream`);
    }
    const stream = route.answer.stream as EventStreamName;
    const seen: SseEventRecord[] = [];
    let buffer = '';
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const record = parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (record) seen.push(checkEvent(stream, record));
        }
        if (until(seen)) break;
      }
    } finally {
      controller.abort();
    }
    covered.add(routeKey(route));
    return seen;
  };

  return { json, text: textRoute, events, covered };
}

/** A JSON answer (`text`): parsed, and checked by the route's schema for its status or, for a failure, the error body's. */
export function checkJsonAnswer(route: ApiRoute, method: string, path: string, status: number, text: string): unknown {
  const body = parseJson(text, `${method} ${path} (${status})`);
  if (status >= 400) {
    check(errorBodySchema, body, `${method} ${path} → ${status} (error body)`);
    return body;
  }
  if (route.answer.kind !== 'json') throw new ContractViolation(`${routeKey(route)} is not a JSON route`);
  const schema = route.answer.responses[status];
  if (!schema)
    throw new ContractViolation(
      `${method} ${path}: status ${status} is not in the contract (${Object.keys(route.answer.responses).join(', ')})`,
    );
  check(schema, body, `${method} ${path} → ${status}`);
  return body;
}

/** A text answer (CSV, plain text): the route's status and content type, or an error body. */
export function checkTextAnswer(route: ApiRoute, method: string, path: string, response: Response, text: string): void {
  if (!response.ok) {
    check(errorBodySchema, parseJson(text, `${method} ${path}`), `${method} ${path} → ${response.status} (error body)`);
    return;
  }
  if (route.answer.kind !== 'text') throw new ContractViolation(`${routeKey(route)} is not a text route`);
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== route.answer.status || !type.startsWith(route.answer.contentType))
    throw new ContractViolation(
      `${method} ${path}: answered ${response.status} ${type}, the contract says ${route.answer.status} ${route.answer.contentType}`,
    );
}

/**
 * How main/server/validate.ts words a refusal by the request schema; a service's own
 * refusal with the same code (a search pattern that does not compile) is not the schema's.
 */
const SHAPE_REFUSAL = /^(Unknown|Invalid) (body|query)\b/;

/** A request body that was not JSON the test gave (raw bytes): its schema is not checked. */
export const UNKNOWN_BODY = Symbol('unknown body');

/**
 * The request schemas agree with the server: a body or query the server accepted, the
 * contract accepts; one it refused as `invalid_body` / `invalid_query`, the contract refuses.
 */
export function checkRequest(route: ApiRoute, path: string, json: unknown, status: number, answer: unknown): void {
  const { code, message = '' } = (answer as { error?: { code?: string; message?: string } } | undefined)?.error ?? {};
  const query = Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? ''));
  const parts: Array<[z.ZodType | undefined, unknown, string]> = [
    [json === UNKNOWN_BODY ? undefined : route.body, json ?? {}, 'invalid_body'],
    [route.query, query, 'invalid_query'],
  ];
  for (const [schema, value, refusal] of parts) {
    if (!schema) continue;
    if (status < 400) check(schema, value, `${routeKey(route)}: a request the server accepted (${refusal.slice(8)})`);
    else if (code === refusal && SHAPE_REFUSAL.test(message) && schema.safeParse(value).success)
      throw new ContractViolation(
        `${routeKey(route)}: the server refused (${refusal}) what the contract allows: ${JSON.stringify(value)}`,
      );
  }
}

/** Validates one event's data against the stream's schema for its name. */
export function checkEvent(
  stream: EventStreamName,
  record: { id?: string; event: string; data: string },
): SseEventRecord {
  const schemas: Readonly<Record<string, z.ZodType>> = API_EVENTS[stream];
  const schema = schemas[record.event];
  if (!schema) throw new ContractViolation(`${stream} stream: event '${record.event}' is not in the contract`);
  const data = parseJson(record.data, `${stream} stream event '${record.event}'`);
  check(schema, data, `${stream} stream event '${record.event}'`);
  return { ...(record.id !== undefined && { id: record.id }), event: record.event, data };
}

/** Throws a ContractViolation naming `where`, the zod issues and the start of the value. */
export function check(schema: z.ZodType, value: unknown, where: string): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const excerpt = JSON.stringify(value)?.slice(0, 600);
  throw new ContractViolation(
    `${where} does not match the contract:\n${z.prettifyError(result.error)}\nbody: ${excerpt}`,
  );
}

export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ContractViolation(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
  }
}

export function parseBlock(block: string): { id?: string; event: string; data: string } | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length === 0) return undefined; // retry: and heartbeat comments carry no data
  return { ...(id !== undefined && { id }), event, data: data.join('\n') };
}
