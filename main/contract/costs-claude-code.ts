/**
 * Claude Code per actor (`GET /api/claude-code`): the Claude Code report over the last 30
 * UTC days, one entry per actor (a user by e-mail or an API key by name) with sessions,
 * lines added and removed, commits, pull requests, the edit acceptance rate and the
 * estimated cost by model. Money is in each currency's major unit rounded to the cent;
 * amounts of different currencies are never added together.
 */
import { z } from 'zod';
import { jsonRoute, orgParamSchema, refreshQuerySchema, type ApiRoute } from './common.js';
import { costErrorSchema } from './costs.js';

const count = z.number().int().min(0);
const money = z.object({ currency: z.string(), amount: z.number() }).strict();

const counts = {
  sessions: count,
  linesAdded: count,
  linesRemoved: count,
  commits: count,
  pullRequests: count,
  /** Accepted and rejected actions of the edit, multi-edit, write and notebook-edit tools. */
  editsAccepted: count,
  editsRejected: count,
  /** accepted ÷ (accepted + rejected), 0–1 with 4 decimals; null without any edit action. */
  acceptanceRate: z.number().min(0).max(1).nullable(),
  /** Per currency, USD first. */
  estimatedCost: z.array(money),
};

export const claudeCodeActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), email: z.string() }).strict(),
  z.object({ type: z.literal('api_key'), apiKeyName: z.string() }).strict(),
]);
export type ClaudeCodeActor = z.infer<typeof claudeCodeActorSchema>;

export const claudeCodeActorFiguresSchema = z
  .object({
    actor: claudeCodeActorSchema,
    /** The user's e-mail or the API key's name. */
    label: z.string(),
    ...counts,
    /** Per model and currency, USD first, largest first. */
    costByModel: z.array(z.object({ model: z.string().nullable(), currency: z.string(), amount: z.number() }).strict()),
  })
  .strict();
export type ClaudeCodeActorFigures = z.infer<typeof claudeCodeActorFiguresSchema>;

export const claudeCodeSummarySchema = z
  .object({
    days: z.literal(30),
    /** First and last UTC day of the window (inclusive). */
    from: z.string(),
    to: z.string(),
    /** Most sessions first, ties by label. */
    actors: z.array(claudeCodeActorFiguresSchema),
    totals: z.object(counts).strict(),
    /** The first day held in the window (later than `from` while older days are not fetched yet). */
    coveredFrom: z.string().nullable(),
    /** Why `actors` is empty, in words; null when it is not. */
    emptyReason: z.string().nullable(),
    fetchedAt: z.string(),
    source: z.enum(['live', 'cached']),
    stale: z.boolean(),
  })
  .strict();
export type ClaudeCodeSummary = z.infer<typeof claudeCodeSummarySchema>;

/**
 * Both may be set: the last figures held and why the latest refresh (or the Claude Code
 * report) failed. `refreshing`: a pass over the Claude Code days runs now (they come after
 * the cost figures, one request per day); ask again shortly for the days it adds.
 */
export const claudeCodeResponseSchema = z
  .object({
    claudeCode: claudeCodeSummarySchema.nullable(),
    error: costErrorSchema.nullable(),
    refreshing: z.boolean(),
  })
  .strict();
export type ClaudeCodeResponse = z.infer<typeof claudeCodeResponseSchema>;

/** One organization's (`org=all` is refused: Claude Code is shown per organization). */
export const claudeCodeQuerySchema = refreshQuerySchema.extend({ org: orgParamSchema }).strict();

export const CLAUDE_CODE_ROUTES: readonly ApiRoute[] = [
  jsonRoute(
    'GET',
    '/api/claude-code',
    'Claude Code per actor over the last 30 days: sessions, lines, commits, PRs, acceptance rate, estimated cost',
    { 200: claudeCodeResponseSchema },
    { query: claudeCodeQuerySchema },
  ),
];
