/**
 * The two network checks of a completion candidate, through `gh`:
 * - each referenced PR is merged (`gh api repos/<repo>/pulls/<n>`: state closed and
 *   merged_at set);
 * - no open issue mentions the spec slug (`gh search issues <slug> --repo <repo> --state
 *   open --json number,title`).
 * Outcomes are unions; `skipped` carries the reason the check could not run (no `gh`),
 * `failed` a gh error. All gh processes of a detection share one semaphore.
 */
import type { Semaphore } from '../concurrency.js';
import type { CommandRunner } from './github-cli.js';

export const GH_MISSING_REASON =
  'the GitHub CLI "gh" was not found on PATH (install it from https://cli.github.com and run "gh auth login")';

export type CheckOutcome =
  | { kind: 'pass'; evidence: string }
  | { kind: 'fail' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; message: string };

export interface GithubChecks {
  prsMerged(prs: readonly number[]): Promise<CheckOutcome>;
  noOpenIssues(slug: string): Promise<CheckOutcome>;
}

const PR_EVIDENCE_MAX = 5;

export function createGithubChecks(runner: CommandRunner, repo: string, gate: Semaphore): GithubChecks {
  const gh = (args: string[]) => gate.run(() => runner.run('gh', args, { timeoutMs: 10_000 }));
  return {
    async prsMerged(prs) {
      const results = await Promise.all(
        prs.map(async (pr) => ({ pr, result: await gh(['api', `repos/${repo}/pulls/${pr}`]) })),
      );
      for (const { pr, result } of results) {
        if (result.kind === 'missing') return { kind: 'skipped', reason: GH_MISSING_REASON };
        if (result.kind === 'failed')
          return { kind: 'failed', message: `Could not check PR #${pr} on ${repo}: ${result.message}` };
        const payload = parseJson(result.stdout);
        if (payload === undefined || payload === null || typeof payload !== 'object') {
          return {
            kind: 'failed',
            message: `gh answered PR #${pr} on ${repo} with something that is not a JSON object.`,
          };
        }
        const { state, merged_at: mergedAt } = payload as { state?: unknown; merged_at?: unknown };
        if (state !== 'closed' || typeof mergedAt !== 'string' || mergedAt === '') return { kind: 'fail' };
      }
      const shown = prs
        .slice(0, PR_EVIDENCE_MAX)
        .map((pr) => `#${pr}`)
        .join(', ');
      const more = prs.length > PR_EVIDENCE_MAX ? `, …+${prs.length - PR_EVIDENCE_MAX} more` : '';
      return { kind: 'pass', evidence: `✓ PRs merged: ${shown}${more}` };
    },

    async noOpenIssues(slug) {
      const result = await gh(['search', 'issues', slug, '--repo', repo, '--state', 'open', '--json', 'number,title']);
      if (result.kind === 'missing') return { kind: 'skipped', reason: GH_MISSING_REASON };
      if (result.kind === 'failed')
        return { kind: 'failed', message: `Could not search open issues on ${repo} for "${slug}": ${result.message}` };
      const payload = parseJson(result.stdout);
      if (!Array.isArray(payload))
        return {
          kind: 'failed',
          message: `gh answered the issue search on ${repo} with something that is not a JSON list.`,
        };
      if (payload.length > 0) return { kind: 'fail' };
      return { kind: 'pass', evidence: `✓ no open issues on ${repo} mention "${slug}"` };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
