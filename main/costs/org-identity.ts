/**
 * Which organization the admin key belongs to (`GET /v1/organizations/me`), so cached days
 * are kept per organization (`ops/orgs/<id>/…`). The answer is remembered in
 * `ops/cost-org.json` with the key's last 4 characters (already shown in Settings; never
 * the key): while they match, the organization is checked again at most once a day or on
 * the user's Refresh, so a routine refresh or a restart costs no request. Where the
 * endpoint is not offered (404, an odd answer) the stable fallback `key-<last4>` is used;
 * an auth, rate-limit or network failure fails the refresh as any report would.
 */
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';
import { slotFilePath } from './slot-paths.js';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { readRegularFileText } from '../core/regular-file.js';
import type { Logger } from '../logging/logger.js';
import { redactKeyShapes } from '../logging/redact.js';
import type { CostClient } from './cost-client.js';
import type { KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';

export const ORG_PATH = '/v1/organizations/me';
export const ORG_CHECK_MAX_AGE_MS = 24 * 3_600_000;

export interface OrgIdentity {
  id: string;
  name: string | null;
  keyLast4: string;
  checkedAtMs: number;
  /** False for the fallback id (the endpoint gave no organization). */
  verified: boolean;
}

export function orgFilePath(attuneHome: string, slot: AdminKeySlot = DEFAULT_SLOT): string {
  return slotFilePath(attuneHome, slot, 'cost-org.json');
}

const fileSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  name: z.string().nullable(),
  keyLast4: z.string(),
  checkedAt: z.string(),
  verified: z.boolean(),
});
const meSchema = z.object({ id: z.string().min(1), name: z.string().nullish() });

export type OrgResolution = { kind: 'ok'; org: OrgIdentity; requests: number } | { kind: 'error'; error: CostError };

export class OrgResolver {
  private held: OrgIdentity | null = null;

  constructor(private readonly options: { path: string; logger: Logger; now: () => number }) {}

  /** The organization remembered from the last run, if any. */
  get current(): OrgIdentity | null {
    return this.held;
  }

  /** Reads `cost-org.json`; a bad file is ignored with a warning (the organization is asked again). */
  async load(): Promise<void> {
    const read = await readRegularFileText(this.options.path);
    if (read.kind === 'missing') return;
    let json: unknown = null;
    if (read.kind === 'ok')
      try {
        json = JSON.parse(read.text);
      } catch {
        json = null;
      }
    const parsed = fileSchema.safeParse(json);
    const checkedAtMs = parsed.success ? Date.parse(parsed.data.checkedAt) : NaN;
    if (!parsed.success || Number.isNaN(checkedAtMs)) {
      const why = read.kind === 'ok' ? 'wrong shape' : read.kind;
      this.options.logger.warn(
        { path: this.options.path },
        `ignoring the organization file (${why}); it is asked again`,
      );
      return;
    }
    const { id, name, keyLast4, verified } = parsed.data;
    this.held = { id: redactKeyShapes(id), name: name && redactKeyShapes(name), keyLast4, checkedAtMs, verified };
  }

  /** The key's organization: the remembered one while it fits, else asked upstream. */
  async resolve(client: CostClient, key: string, keySource: KeySource, force: boolean): Promise<OrgResolution> {
    const { now, logger } = this.options;
    const keyLast4 = key.slice(-4);
    const held = this.held;
    if (held && held.keyLast4 === keyLast4 && !force && now() - held.checkedAtMs < ORG_CHECK_MAX_AGE_MS)
      return { kind: 'ok', org: held, requests: 0 };
    const answer = await client.getText(ORG_PATH, new URLSearchParams(), key, keySource);
    if (answer.kind === 'error' && answer.error.kind !== 'unknown') return answer;
    const me = answer.kind === 'ok' ? parseMe(answer.text) : null;
    const org: OrgIdentity = me
      ? {
          id: redactKeyShapes(me.id),
          name: me.name ? redactKeyShapes(me.name) : null,
          keyLast4,
          checkedAtMs: now(),
          verified: true,
        }
      : { id: `key-${keyLast4}`, name: null, keyLast4, checkedAtMs: now(), verified: false };
    if (!me)
      logger.warn(
        { fallback: org.id },
        `the organization of the admin key is not known (${answer.kind === 'error' ? answer.error.message : 'the answer has no organization id'}); its figures are kept under ${org.id}`,
      );
    if (held && held.id !== org.id)
      logger.info({ from: held.id, to: org.id }, 'the admin key belongs to another organization');
    this.held = org;
    try {
      await writeFileAtomic(
        this.options.path,
        stableJson({ version: 1, ...org, checkedAtMs: undefined, checkedAt: new Date(org.checkedAtMs).toISOString() }),
      );
    } catch (error) {
      logger.warn({ err: error, path: this.options.path }, 'could not write the organization file');
    }
    return { kind: 'ok', org, requests: 1 };
  }
}

function parseMe(text: string): { id: string; name: string | null } | null {
  try {
    const parsed = meSchema.safeParse(JSON.parse(text));
    return parsed.success ? { id: parsed.data.id, name: parsed.data.name ?? null } : null;
  } catch {
    return null;
  }
}
