/**
 * A fetch for integration tests that checks every `/api` answer against the contract as it
 * passes (the checks of checked-api.ts): a JSON body by its route's schema for the status or
 * the error body's, a text route's status and type, each event of a stream as it arrives,
 * and the request body and query as the server judged them. The caller gets an equivalent
 * Response; a mismatch rejects the fetch, or errors the event stream, with a
 * ContractViolation. Paths outside `/api`, HEAD, OPTIONS and redirects pass unchecked.
 */
import { findRoute, type ApiRoute, type EventStreamName, type HttpMethod } from '../../main/contract/index.js';
import {
  checkEvent,
  checkJsonAnswer,
  checkRequest,
  checkTextAnswer,
  ContractViolation,
  parseBlock,
  parseJson,
  routeKey,
  UNKNOWN_BODY,
  type ApiFetch,
} from './checked-api.js';

const CHECKED_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/** Stands for "no route" when checking an error body (only the error schema applies). */
const NO_ROUTE: ApiRoute = { method: 'GET', path: '', summary: '', answer: { kind: 'json', responses: {} } };

export function checkedFetch(fetchApi: ApiFetch): ApiFetch {
  return async (path, init = {}) => {
    const response = await fetchApi(path, init);
    const method = (init.method ?? 'GET').toUpperCase();
    const bare = path.split('?')[0] ?? path;
    const redirect = response.status >= 300 && response.status < 400;
    if (!(bare === '/api' || bare.startsWith('/api/')) || !CHECKED_METHODS.has(method) || redirect) return response;
    const route = findRoute(method as HttpMethod, path);
    const where = `${method} ${path}`;
    if (response.ok && !route)
      throw new ContractViolation(`${where}: answered ${response.status}, but no route matches`);
    if (response.status === 204 && route?.answer.kind === 'sse' && route.answer.noContent) return response;
    if (response.ok && route?.answer.kind === 'sse') return withCheckedEvents(response, route, where);
    const text = await response.text();
    let answer: unknown;
    if (route?.answer.kind === 'text') {
      checkTextAnswer(route, method, path, response, text);
      answer = response.ok ? undefined : parseJson(text, where);
    } else answer = checkJsonAnswer(route ?? NO_ROUTE, method, path, response.status, text);
    if (route) checkRequest(route, path, requestJson(init), response.status, answer);
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The JSON the test sent: `json`, or a string body that parses; anything else is not checked. */
function requestJson(init: { json?: unknown; body?: unknown }): unknown {
  if (init.json !== undefined) return init.json;
  if (init.body === undefined || init.body === null) return undefined;
  if (typeof init.body !== 'string') return UNKNOWN_BODY;
  try {
    return JSON.parse(init.body) as unknown;
  } catch {
    return UNKNOWN_BODY;
  }
}

/** The stream passed through, each event checked as it arrives; a violation errors the stream. */
function withCheckedEvents(response: Response, route: ApiRoute, where: string): Response {
  if (route.answer.kind !== 'sse' || !response.body) throw new ContractViolation(`${where}: not an event stream`);
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream'))
    throw new ContractViolation(`${where} (${routeKey(route)}): answered ${response.status} without an event stream`);
  const stream = route.answer.stream as EventStreamName;
  const decoder = new TextDecoder();
  let buffer = '';
  const checking = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const record = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (record) checkEvent(stream, record);
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(checking), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
