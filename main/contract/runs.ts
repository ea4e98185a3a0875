/**
 * Runs: the public view of a run, its log pages, search and first error, and the events
 * of `GET /api/runs/:id/events`. The request schemas are the ones main/runs/run-routes.ts
 * parses.
 */
import { z } from 'zod';
import { jsonRoute, type ApiRoute } from './common.js';

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'rerun', 'recommendation'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const LOG_STREAMS = ['stdout', 'stderr', 'system'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** What the API shows of a run (`presentRun`): no pids, no owner bookkeeping. */
export const publicRunSchema = z
  .object({
    id: z.string().regex(RUN_ID_PATTERN),
    workflow: z.string(),
    /** The scope relative to the project root; '' is the whole project. */
    path: z.string(),
    trigger: z.enum(RUN_TRIGGERS),
    status: z.enum(RUN_STATUSES),
    command: z.array(z.string()),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    lineCount: z.number().int().min(0),
    /** Why the runner ended the run as it did (cannot start, timeout, log write failed…). */
    reason: z.string().nullable(),
    /** A record of the original Python dashboard. */
    legacy: z.boolean(),
  })
  .strict();
export type PublicRun = z.infer<typeof publicRunSchema>;

/** One log line (a JSON line of `<id>.log`, an item of `/log`, the data of `event: line`). */
export const logLineSchema = z
  .object({ seq: z.number().int().min(1), t: z.string(), stream: z.enum(LOG_STREAMS), text: z.string() })
  .strict();
export type LogLine = z.infer<typeof logLineSchema>;

export const runAnswerSchema = z.object({ run: publicRunSchema }).strict();
export type RunAnswer = z.infer<typeof runAnswerSchema>;

export const runPageSchema = z
  .object({ runs: z.array(publicRunSchema), nextCursor: z.string().nullable(), skipped: z.number().int().min(0) })
  .strict();
export type RunPage = z.infer<typeof runPageSchema>;

export const runListQuerySchema = z
  .object({
    workflow: z.string().max(200).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.string().regex(RUN_ID_PATTERN, 'must be a run id').optional(),
  })
  .strict();

export const logQuerySchema = z
  .object({
    /** The first seq of the page (1 when neither `from` nor `tail` is given). */
    from: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    /** The last N lines instead of a page from `from` (not both). */
    tail: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .refine((query) => query.from === undefined || query.tail === undefined, {
    message: "ask for either 'from' or 'tail', not both",
    path: ['tail'],
  });

export const logPageSchema = z
  .object({
    lines: z.array(logLineSchema),
    nextFrom: z.number().int().min(1),
    done: z.boolean(),
    /** Lines of this page that could not be read (shown as placeholders); 0 normally. */
    skipped: z.number().int().min(0),
    warning: z.string().optional(),
    /** Lines in the log so far. */
    total: z.number().int().min(0),
  })
  .strict();
export type LogPage = z.infer<typeof logPageSchema>;

const searchFlag = z.enum(['0', '1']).default('0');

/** `?q=` (the text, or a pattern with `regex=1`), `case=1` to match case, a page of matches from seq `from`. */
export const logSearchQuerySchema = z
  .object({
    q: z.string().min(1).max(1000),
    regex: searchFlag,
    case: searchFlag,
    from: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const logMatchSchema = z.object({ seq: z.number().int().min(1), text: z.string() }).strict();
export type LogMatch = z.infer<typeof logMatchSchema>;

export const logSearchSchema = z
  .object({
    total: z.number().int().min(0),
    matches: z.array(logMatchSchema),
    nextFrom: z.number().int().min(1).nullable(),
    truncated: z.boolean(),
  })
  .strict();
export type LogSearch = z.infer<typeof logSearchSchema>;

/** The rules of "Jump to first error", in the order they are tried (main/runs/log/first-error.ts). */
export const ERROR_RULES = ['exit', 'traceback', 'location', 'fail', 'error'] as const;
export type ErrorRule = (typeof ERROR_RULES)[number];

export const firstErrorSchema = z
  .object({
    match: logMatchSchema
      .extend({ rule: z.enum(ERROR_RULES) })
      .strict()
      .nullable(),
  })
  .strict();
export type FirstError = z.infer<typeof firstErrorSchema>;

/** `event: warning` (no id): lines of the log file that could not be read. */
export const unreadableLinesSchema = z
  .object({
    kind: z.literal('unreadable_lines'),
    skipped: z.number().int().min(1),
    fromSeq: z.number().int().min(1),
    toSeq: z.number().int().min(1),
    message: z.string(),
  })
  .strict();
export type UnreadableLinesWarning = z.infer<typeof unreadableLinesSchema>;

/** `event: done`, the last event of a finished run's stream. */
export const doneEventSchema = publicRunSchema
  .pick({
    status: true,
    exitCode: true,
    signal: true,
    durationMs: true,
    lineCount: true,
    reason: true,
  })
  .strict();
export type DoneEvent = z.infer<typeof doneEventSchema>;

/** The events of `GET /api/runs/:id/events`, by name; `line` events carry `id: <seq>`. */
export const RUN_EVENTS = {
  status: publicRunSchema,
  line: logLineSchema,
  warning: unreadableLinesSchema,
  done: doneEventSchema,
} as const;

export const RUN_ROUTES: readonly ApiRoute[] = [
  jsonRoute(
    'GET',
    '/api/runs',
    'run history: running first, newest first, by cursor',
    { 200: runPageSchema },
    { query: runListQuerySchema },
  ),
  jsonRoute('GET', '/api/runs/:id', 'one run', { 200: runAnswerSchema }),
  {
    method: 'GET',
    path: '/api/runs/:id/events',
    summary: "one run's log and end as Server-Sent Events",
    answer: {
      kind: 'sse',
      stream: 'run',
      events: RUN_EVENTS,
      noContent: 'a client coming back to a finished run at or past its last line (so EventSource stops)',
    },
  },
  jsonRoute(
    'GET',
    '/api/runs/:id/log',
    'a page of the log (or its tail)',
    { 200: logPageSchema },
    { query: logQuerySchema },
  ),
  jsonRoute(
    'GET',
    '/api/runs/:id/log/search',
    'lines of the log that match a text',
    { 200: logSearchSchema },
    { query: logSearchQuerySchema },
  ),
  jsonRoute('GET', '/api/runs/:id/log/first-error', 'the first line that looks like an error', {
    200: firstErrorSchema,
  }),
  {
    method: 'GET',
    path: '/api/runs/:id/log.txt',
    summary: 'the whole log as plain text (a download)',
    answer: { kind: 'text', contentType: 'text/plain', status: 200 },
  },
  jsonRoute('POST', '/api/runs/:id/cancel', 'cancel a running run', { 202: runAnswerSchema }),
  jsonRoute('POST', '/api/runs/:id/rerun', 'start the same workflow on the same scope', { 201: runAnswerSchema }),
];
