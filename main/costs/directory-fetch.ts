/**
 * The organization's workspaces and API keys from the Admin API's list endpoints
 * (docs/ADMIN-API.md): every page (`after_id` = the previous `last_id` while `has_more`), up to
 * a page cap, so reports can show names instead of ids. Every text taken from an answer
 * is scrubbed of key shapes. Answers a categorized `CostError`; never throws upstream.
 */
import { z } from 'zod';
import { redactKeyShapes } from '../logging/redact.js';
import type { CostClient } from './cost-client.js';
import { shapeError, type KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';

export const WORKSPACES_PATH = '/v1/organizations/workspaces';
export const API_KEYS_PATH = '/v1/organizations/api_keys';
export const MAX_LIST_PAGES = 100;

export interface WorkspaceName {
  id: string;
  name: string;
  archived: boolean;
}

export interface ApiKeyName {
  id: string;
  name: string;
  /** `active`, `inactive`, `archived`, `expired` as the API says. */
  status: string;
  workspaceId: string | null;
}

export interface Directory {
  workspaces: WorkspaceName[];
  apiKeys: ApiKeyName[];
}

const listSchema = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  has_more: z.boolean(),
  last_id: z.string().nullish(),
});
const workspaceSchema = z.object({ id: z.string(), name: z.string().nullish(), archived_at: z.string().nullish() });
const apiKeySchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string().nullish(),
  workspace_id: z.string().nullish(),
});

type ListResult<T> = { kind: 'ok'; items: T[]; pages: number } | { kind: 'error'; error: CostError };

export async function fetchDirectory(
  client: CostClient,
  key: string,
  keySource: KeySource,
): Promise<{ kind: 'ok'; directory: Directory; requests: number } | { kind: 'error'; error: CostError }> {
  const workspaces = await listAll(client, WORKSPACES_PATH, key, keySource, (raw) => {
    const item = workspaceSchema.safeParse(raw);
    if (!item.success) return null;
    const id = redactKeyShapes(item.data.id);
    return { id, name: redactKeyShapes(item.data.name ?? id), archived: Boolean(item.data.archived_at) };
  });
  if (workspaces.kind === 'error') return workspaces;
  const apiKeys = await listAll(client, API_KEYS_PATH, key, keySource, (raw) => {
    const item = apiKeySchema.safeParse(raw);
    if (!item.success) return null;
    const id = redactKeyShapes(item.data.id);
    return {
      id,
      name: redactKeyShapes(item.data.name ?? id),
      status: redactKeyShapes(item.data.status ?? 'active'),
      workspaceId: item.data.workspace_id ? redactKeyShapes(item.data.workspace_id) : null,
    };
  });
  if (apiKeys.kind === 'error') return apiKeys;
  return {
    kind: 'ok',
    directory: { workspaces: workspaces.items, apiKeys: apiKeys.items },
    requests: workspaces.pages + apiKeys.pages,
  };
}

async function listAll<T>(
  client: CostClient,
  path: string,
  key: string,
  keySource: KeySource,
  parse: (raw: unknown) => T | null,
): Promise<ListResult<T>> {
  const items: T[] = [];
  let after: string | undefined;
  for (let page = 1; page <= MAX_LIST_PAGES; page += 1) {
    const query = new URLSearchParams({ limit: '1000' });
    if (after) query.set('after_id', after);
    const answer = await client.getText(path, query, key, keySource);
    if (answer.kind === 'error') return answer;
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      return { kind: 'error', error: shapeError(`the ${path} answer is not JSON`) };
    }
    const parsed = listSchema.safeParse(json);
    if (!parsed.success) return { kind: 'error', error: shapeError(`the ${path} answer does not have the list shape`) };
    for (const raw of parsed.data.data) {
      const item = parse(raw);
      if (item) items.push(item);
    }
    if (!parsed.data.has_more) return { kind: 'ok', items, pages: page };
    const next = parsed.data.last_id ?? undefined;
    if (!next || next === after)
      return { kind: 'error', error: shapeError(`${path} says has_more but its last_id does not advance`) };
    after = next;
  }
  return { kind: 'error', error: shapeError(`${path} has more than ${MAX_LIST_PAGES} pages`) };
}
