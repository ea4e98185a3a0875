/**
 * What the analytics probe found, remembered in `<attuneHome>/ops/cost-key-method.json`
 * (0600, written atomically): whether the organization's analytics cost report answered
 * (`available`) or refused (`refused`, with the reason in words), when, and for which key
 * (its last four characters only — the key itself is never written). A missing, odd or
 * unreadable file means "not probed yet"; a failed write is logged, never fatal.
 */
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';
import { slotFilePath } from './slot-paths.js';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { readRegularFileText } from '../core/regular-file.js';
import type { Logger } from '../logging/logger.js';

export function keyMethodPath(attuneHome: string, slot: AdminKeySlot = DEFAULT_SLOT): string {
  return slotFilePath(attuneHome, slot, 'cost-key-method.json');
}

const fileSchema = z.object({
  version: z.literal(1),
  analytics: z.enum(['available', 'refused']),
  probedAt: z.string(),
  keyLast4: z.string().max(4),
  reason: z.string().max(600).nullable(),
});
export type KeyMethodMemory = z.infer<typeof fileSchema>;

export class KeyMethodFile {
  constructor(private readonly options: { path: string; logger: Logger }) {}

  async read(): Promise<KeyMethodMemory | null> {
    const read = await readRegularFileText(this.options.path);
    if (read.kind === 'missing') return null;
    if (read.kind !== 'ok') {
      this.options.logger.warn(
        { path: this.options.path },
        `ignoring the key-method file (${read.kind}); probing again`,
      );
      return null;
    }
    let json: unknown = null;
    try {
      json = JSON.parse(read.text);
    } catch {
      // handled as the wrong shape below
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      this.options.logger.warn(
        { path: this.options.path },
        'ignoring the key-method file (wrong shape); probing again',
      );
      return null;
    }
    return parsed.data;
  }

  async write(memory: KeyMethodMemory): Promise<void> {
    try {
      await writeFileAtomic(this.options.path, stableJson(memory));
    } catch (error) {
      this.options.logger.warn({ err: error, path: this.options.path }, 'could not write the key-method file');
    }
  }
}
