/**
 * Request validation with zod: a failure becomes a 400 `invalid_body` (or
 * `invalid_query`) whose message names the field, and an unknown key names the key.
 */
import type { z } from 'zod';
import { OpsError } from '../core/errors.js';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  return parseWith(schema, body === undefined ? {} : body, 'invalid_body', 'body');
}

export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  return parseWith(schema, query, 'invalid_query', 'query');
}

function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: 'invalid_body' | 'invalid_query',
  where: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new OpsError(400, code, `Invalid ${where}.`);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    throw new OpsError(400, code, `Unknown ${where} field: ${keys}.`, { field: issue.keys[0] ?? null });
  }
  const field = issue.path.map(String).join('.');
  const message = field ? `Invalid ${where} field '${field}': ${issue.message}` : `Invalid ${where}: ${issue.message}`;
  throw new OpsError(400, code, message, { field: field || null });
}
