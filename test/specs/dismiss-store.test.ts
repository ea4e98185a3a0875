import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DismissStore } from '../../main/specs/candidates/dismiss-store.js';
import { createLogger, memoryDestination } from '../../main/logging/logger.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { manualClock } from '../fakes/manual-clock.js';
import { DAY_MS } from './spec-fixtures.js';

afterAll(removeTempDirs);

const HASH = 'a'.repeat(64);

async function setup() {
  const home = await tempDir('attune-home-');
  const clock = manualClock('2026-05-15T18:30:00Z');
  const logs = memoryDestination();
  const store = new DismissStore({
    attuneHome: home,
    clock,
    logger: createLogger({ redactor: new SecretRedactor(), destinations: [logs] }),
  });
  return { home, clock, logs, store };
}

describe('the dismissal store', () => {
  it('keeps a dismissal active until exactly 14 days have passed', async () => {
    const { clock, store } = await setup();
    const start = clock.now();
    await store.save('s', HASH);
    const entry = (await store.load()).get('s');
    clock.set(start + 14 * DAY_MS - 1);
    expect(store.isActive(entry, HASH)).toBe(true);
    clock.set(start + 14 * DAY_MS);
    expect(store.isActive(entry, HASH)).toBe(false);
  });

  it('ends a dismissal as soon as the snapshot hash differs', async () => {
    const { store } = await setup();
    await store.save('s', HASH);
    expect(store.isActive((await store.load()).get('s'), 'b'.repeat(64))).toBe(false);
  });

  it("reads the original's file, skipping bad entries one by one and keeping them on rewrite", async () => {
    const { home, logs, store } = await setup();
    await mkdir(join(home, 'ops'), { recursive: true });
    const path = join(home, 'ops', 'spec_completion_dismissed.json');
    const original = {
      version: 1,
      dismissed: {
        python: { dismissed_at: '2026-05-15T18:30:00.123456+00:00', snapshot_hash: HASH, ttl_days: 14 },
        naive: { dismissed_at: '2026-05-15T18:30:00', snapshot_hash: HASH, ttl_days: 14 },
        'bad-ttl': { dismissed_at: '2026-05-15T18:30:00+00:00', snapshot_hash: HASH, ttl_days: '14' },
      },
    };
    await writeFile(path, JSON.stringify(original));
    expect([...(await store.load()).keys()]).toEqual(['python']);
    expect(logs.text().match(/malformed dismissal/g)).toHaveLength(2);
    await store.clear('python');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 1,
      dismissed: { naive: original.dismissed.naive, 'bad-ttl': original.dismissed['bad-ttl'] },
    });
  });

  it('treats a corrupt or wrong-version file as no dismissals', async () => {
    const { home, store } = await setup();
    await mkdir(join(home, 'ops'), { recursive: true });
    for (const text of ['{not json', JSON.stringify({ version: 2, dismissed: {} }), '[]']) {
      await writeFile(join(home, 'ops', 'spec_completion_dismissed.json'), text);
      expect((await store.load()).size).toBe(0);
    }
  });
});
