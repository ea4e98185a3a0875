import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKEN, type TestServer } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import {
  DAY_MS,
  ageSpec,
  copyDemoProject,
  envWithoutGh,
  fakeGh,
  type FakeGh,
  type FakeGhState,
} from './spec-fixtures.js';
import { manualClock, type ManualClock } from '../fakes/manual-clock.js';

afterAll(removeTempDirs);

interface Setup {
  server: TestServer;
  gh: FakeGh;
  clock: ManualClock;
  candidates(query?: string): Promise<{
    enabled: boolean;
    reason?: string;
    candidates: {
      slug: string;
      phase: string;
      currentStatus: string;
      evidence: string[];
      snapshotHash: string;
      path: string;
    }[];
    warnings?: string[];
    summary?: string;
  }>;
}

async function withSetup(
  options: {
    gh?: FakeGhState;
    noGh?: boolean;
    allowRun?: boolean;
    enabled?: boolean;
    remote?: string;
    extraEnv?: Record<string, string>;
  },
  test: (setup: Setup) => Promise<void>,
): Promise<void> {
  const clock = manualClock(Date.now(), { realTimers: true });
  const projectRoot = await copyDemoProject({
    git: true,
    ...(options.remote !== undefined && { remote: options.remote }),
  });
  await ageSpec(projectRoot, 'rate-limits', 3 * DAY_MS, clock.now());
  const gh = await fakeGh(options.gh ?? { merged: [12, 14] });
  const env = { ...(options.noGh ? await envWithoutGh() : gh.env), ...options.extraEnv };
  const server = await startTestServer({
    checked: true,
    projectRoot,
    config: { allowRun: options.allowRun ?? true, specsCandidatesEnabled: options.enabled ?? true },
    deps: { env, clock },
  });
  const candidates: Setup['candidates'] = async (query = '') =>
    (await server.api(`/api/specs/completion-candidates${query}`)).json() as never;
  try {
    await test({ server, gh, clock, candidates });
  } finally {
    await server.close();
  }
}

const dismiss = (server: TestServer, slug: string, snapshotHash: string) =>
  server.api(`/api/specs/${slug}/completion-candidates/dismiss`, { method: 'POST', json: { snapshotHash } });

describe('GET /api/specs/completion-candidates', () => {
  it('is off with a reason naming each missing switch, logged once at info', async () => {
    await withSetup({ allowRun: false, enabled: false }, async ({ server, candidates }) => {
      const first = await candidates();
      expect(first).toEqual({
        enabled: false,
        reason: expect.stringMatching(/--specs-candidates.*--allow-run/s),
        candidates: [],
      });
      await candidates();
      const infos = server.logs
        .text()
        .split('\n')
        .filter((line) => line.includes('spec completion candidates are disabled'));
      expect(infos).toHaveLength(1);
      expect(infos[0]).toContain('"level":30');
    });
    await withSetup({ allowRun: false, enabled: true }, async ({ candidates }) => {
      const answer = await candidates();
      expect(answer.reason).toContain('--allow-run');
      expect(answer.reason).not.toContain('--specs-candidates');
    });
  });

  it('proposes an approved (annotated) spec whose tasks are done and PRs merged, with evidence', async () => {
    await withSetup({}, async ({ gh, candidates }) => {
      const answer = await candidates();
      expect(answer.enabled).toBe(true);
      expect(answer.candidates).toEqual([
        {
          slug: 'rate-limits',
          path: 'docs/specs/rate-limits',
          phase: 'decisions',
          currentStatus: 'approved — signed off 2026-05-02',
          snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          evidence: [
            '✓ decisions.md is "approved — signed off 2026-05-02"',
            '✓ all 3 tasks in tasks.md checked',
            '✓ PRs merged: #12, #14',
            '✓ no open issues on attune-demo/demo-project mention "rate-limits"',
            '✓ last edit 3 days ago',
          ],
        },
      ]);
      expect(await gh.calls()).toEqual(
        expect.arrayContaining([
          'api repos/attune-demo/demo-project/pulls/12',
          'api repos/attune-demo/demo-project/pulls/14',
        ]),
      );
    });
  });

  it('never hands the admin key to git or gh', async () => {
    await withSetup(
      { extraEnv: { ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-leak-test' } },
      async ({ gh, candidates }) => {
        expect((await candidates()).candidates).toHaveLength(1);
        const calls = await gh.calls();
        expect(calls.length).toBeGreaterThan(0);
        expect(calls.filter((line) => line.startsWith('LEAKED'))).toEqual([]);
      },
    );
  });

  it('never hands the launch token to git or gh, under its own name or copied into another variable', async () => {
    const secretsFile = join(await tempDir('gh-secrets-'), 'secrets.txt');
    await writeFile(secretsFile, `${TEST_TOKEN}\n`);
    const extraEnv = {
      ATTUNE_OPS_TOKEN: TEST_TOKEN,
      COPY_OF_TOKEN: `prefix ${TEST_TOKEN}`,
      AUTH_HEADER: `Bearer ${TEST_TOKEN}`,
      FAKE_GH_SECRETS_FILE: secretsFile,
    };
    await withSetup({ extraEnv }, async ({ gh, candidates }) => {
      expect((await candidates()).candidates).toHaveLength(1);
      const calls = await gh.calls();
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((line) => line.startsWith('LEAKED'))).toEqual([]);
    });
  });

  const rejections: [string, FakeGhState][] = [
    ['a referenced PR is still open', { merged: [12], open: [14] }],
    ['a referenced PR was closed without merging', { merged: [12], closedUnmerged: [14] }],
    [
      'an open issue mentions the slug',
      { merged: [12, 14], openIssues: { 'rate-limits': [{ number: 40, title: 'rate-limits: follow-up' }] } },
    ],
  ];
  for (const [name, state] of rejections) {
    it(`proposes nothing when ${name}`, async () => {
      await withSetup({ gh: state }, async ({ candidates }) => {
        expect((await candidates()).candidates).toEqual([]);
      });
    });
  }

  it('drops a spec gh could not check and says why in warnings', async () => {
    await withSetup({ gh: { fail: true } }, async ({ candidates }) => {
      const answer = await candidates();
      expect(answer.candidates).toEqual([]);
      expect(answer.warnings).toEqual([expect.stringMatching(/rate-limits.*gh auth login/)]);
    });
  });

  it('skips only the gh checks when gh is missing, and says so in the evidence', async () => {
    await withSetup({ noGh: true }, async ({ candidates }) => {
      const [candidate] = (await candidates()).candidates;
      expect(candidate?.slug).toBe('rate-limits');
      expect(candidate?.evidence.filter((line) => line.startsWith('⚠'))).toEqual([
        expect.stringMatching(/^⚠ merge state of #12, #14 not checked: the GitHub CLI "gh" was not found on PATH/),
        expect.stringMatching(/^⚠ open issues not checked: the GitHub CLI "gh" was not found on PATH/),
      ]);
    });
  });

  it('skips the gh checks when the project root has no GitHub remote, and says so', async () => {
    await withSetup({ remote: 'https://gitlab.example/team/demo.git' }, async ({ gh, candidates }) => {
      const [candidate] = (await candidates()).candidates;
      expect(candidate?.evidence[2]).toMatch(
        /^⚠ merge state of #12, #14 not checked: the "origin" remote of .* \(https:\/\/gitlab\.example\/team\/demo\.git\) is not a GitHub repository$/,
      );
      expect(candidate?.evidence[3]).toMatch(
        /^⚠ open issues not checked: the "origin" remote of .* is not a GitHub repository$/,
      );
      expect(await gh.calls()).toEqual([]);
    });
  });

  it('proposes nothing edited in the last 24 hours', async () => {
    await withSetup({}, async ({ server, clock, candidates }) => {
      await ageSpec(server.projectRoot, 'rate-limits', DAY_MS - 60_000, clock.now());
      const answer = await candidates('?refresh=1');
      expect(answer.candidates).toEqual([]);
      expect(answer.warnings).toEqual([]);
      expect(answer.summary).toBe(
        'No spec is ready to close. 10 specs checked: 1 approved, 0 of them unchanged for 24 h.',
      );
    });
  });
});

describe('candidate cache', () => {
  it('reuses the detection for 5 minutes and re-runs it after a status flip or a refresh', async () => {
    await withSetup({}, async ({ server, gh, clock, candidates }) => {
      await candidates();
      const afterFirst = (await gh.calls()).length;
      expect(afterFirst).toBeGreaterThan(0);
      await clock.advance(4 * 60 * 1000);
      await candidates();
      expect((await gh.calls()).length).toBe(afterFirst);

      const flipped = await server.api('/api/specs/rate-limits/decisions/status', {
        method: 'PUT',
        json: { status: 'complete' },
      });
      expect(flipped.status).toBe(200);
      expect((await candidates()).candidates).toEqual([]);

      await server.api('/api/specs/rate-limits/decisions/status', { method: 'PUT', json: { status: 'approved' } });
      await ageSpec(server.projectRoot, 'rate-limits', 2 * DAY_MS, clock.now());
      const before = (await gh.calls()).length;
      expect((await candidates('?refresh=1')).candidates.map((c) => c.slug)).toEqual(['rate-limits']);
      expect((await gh.calls()).length).toBeGreaterThan(before);
      await clock.advance(5 * 60 * 1000);
      const beforeExpiry = (await gh.calls()).length;
      await candidates();
      expect((await gh.calls()).length).toBeGreaterThan(beforeExpiry);
    });
  });
});

describe('dismissing a candidate', () => {
  it('hides it at once, for exactly 14 days, in the original file format', async () => {
    await withSetup({}, async ({ server, gh, clock, candidates }) => {
      const [candidate] = (await candidates()).candidates;
      const dismissedAt = clock.now();
      const response = await dismiss(server, 'rate-limits', candidate!.snapshotHash);
      expect(response.status).toBe(200);
      const calls = (await gh.calls()).length;
      const hidden = await candidates();
      expect(hidden.candidates).toEqual([]);
      expect(hidden.summary).toMatch(
        /^No spec is ready to close\. .*1 with every PR merged and no open issue; 1 dismissed\.$/,
      );
      expect((await gh.calls()).length).toBe(calls);

      const file = JSON.parse(
        await readFile(join(server.home, 'ops', 'spec_completion_dismissed.json'), 'utf8'),
      ) as unknown;
      expect(file).toEqual({
        version: 1,
        dismissed: {
          'rate-limits': {
            dismissed_at: new Date(dismissedAt).toISOString().replace('Z', '+00:00'),
            snapshot_hash: candidate!.snapshotHash,
            ttl_days: 14,
          },
        },
      });

      clock.set(dismissedAt + 14 * DAY_MS - 1);
      expect((await candidates()).candidates).toEqual([]);
      clock.set(dismissedAt + 14 * DAY_MS);
      expect((await candidates()).candidates.map((c) => c.slug)).toEqual(['rate-limits']);
    });
  });

  it('ends early when the snapshot hash changes', async () => {
    await withSetup({}, async ({ server, clock, candidates }) => {
      const [candidate] = (await candidates()).candidates;
      await dismiss(server, 'rate-limits', candidate!.snapshotHash);
      expect((await candidates()).candidates).toEqual([]);
      const when = new Date(clock.now() - 2 * DAY_MS);
      await utimes(join(server.projectRoot, 'docs/specs/rate-limits/tasks.md'), when, when);
      const [back] = (await candidates('?refresh=1')).candidates;
      expect(back?.slug).toBe('rate-limits');
      expect(back?.snapshotHash).not.toBe(candidate!.snapshotHash);
    });
  });

  it('is cleared by a status flip unless the new status is complete', async () => {
    await withSetup({}, async ({ server, candidates }) => {
      const [candidate] = (await candidates()).candidates;
      const file = join(server.home, 'ops', 'spec_completion_dismissed.json');
      await dismiss(server, 'rate-limits', candidate!.snapshotHash);
      await server.api('/api/specs/rate-limits/tasks/status', { method: 'PUT', json: { status: 'complete' } });
      expect(Object.keys((JSON.parse(await readFile(file, 'utf8')) as { dismissed: object }).dismissed)).toEqual([
        'rate-limits',
      ]);
      await server.api('/api/specs/rate-limits/requirements/status', { method: 'PUT', json: { status: 'in-review' } });
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, dismissed: {} });
    });
  });

  it('refuses a hash that is not 64 lowercase hex characters and an unknown spec', async () => {
    await withSetup({}, async ({ server }) => {
      for (const hash of ['abc', 'A'.repeat(64), `${'a'.repeat(63)}g`]) {
        const response = await dismiss(server, 'rate-limits', hash);
        expect([hash, response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([
          hash,
          400,
          'invalid_body',
        ]);
      }
      expect((await dismiss(server, 'no-such-spec', 'a'.repeat(64))).status).toBe(404);
    });
  });
});
