/**
 * "Ready to close?" detection (REFERENCE.md): a spec is a candidate when all hold, checked
 * cheapest first so most specs never cost a child process:
 *   1. its status (first phase with one, in the order decisions, tasks, design,
 *      requirements) has the leading word `approved` (so "approved (2026-05-09)" counts);
 *   2. its newest `.md` edit is at least 24 h old;
 *   3. tasks.md has at least one task and every task is checked;
 *   4. every PR referenced in decisions.md / tasks.md is merged;
 *   5. no open issue mentions the slug.
 * 4 and 5 need `gh` and a GitHub `origin` remote of the project root. Without them those
 * checks are skipped and the evidence says so (⚠ lines); a gh error drops the spec and
 * adds a warning. Dismissals are applied by the caller, not here.
 */
import { readFile, stat } from 'node:fs/promises';
import { Semaphore, mapLimit } from '../concurrency.js';
import type { ScannedSpec } from '../spec-scanner.js';
import { leadingWord, type PhaseName } from '../status-line.js';
import { createGithubChecks, type CheckOutcome, type GithubChecks } from './github-checks.js';
import { resolveGithubRepo, type CommandRunner, type RepoResolution } from './github-cli.js';
import { countTasks, extractPrRefs, snapshotHash } from './task-signals.js';

export const MIN_EDIT_AGE_MS = 24 * 60 * 60 * 1000;
const STATUS_PREFERENCE: readonly PhaseName[] = ['decisions', 'tasks', 'design', 'requirements'];

export interface Candidate {
  slug: string;
  /** The spec folder (absolute). */
  dir: string;
  /** The phase whose status made it a candidate: the one to flip to complete. */
  phase: PhaseName;
  currentStatus: string;
  evidence: string[];
  snapshotHash: string;
}

export interface DetectInput {
  specs: readonly ScannedSpec[];
  projectRoot: string;
  nowMs: number;
  runner: CommandRunner;
  /** Most `gh` processes alive at once across the whole pass (default 4). */
  ghConcurrency?: number;
}

export interface Detection {
  candidates: Candidate[];
  warnings: string[];
}

interface LocalPass {
  candidate: Candidate;
  prs: number[];
  ageEvidence: string;
}

/** Runs the five checks over every spec; never throws for a spec-level problem. */
export async function detectCandidates(input: DetectInput): Promise<Detection> {
  const locals = (await mapLimit(input.specs, 16, (spec) => checkLocally(spec, input.nowMs))).filter((entry): entry is LocalPass => entry !== null);
  if (locals.length === 0) return { candidates: [], warnings: [] };
  const repo = await resolveGithubRepo(input.runner, input.projectRoot);
  const checks = repo.kind === 'ok' ? createGithubChecks(input.runner, repo.repo, new Semaphore(input.ghConcurrency ?? 4)) : null;
  const warnings: string[] = [];
  const results = await mapLimit(locals, 16, (local) => checkRemotely(local, repo, checks, warnings));
  return { candidates: results.filter((entry): entry is Candidate => entry !== null), warnings };
}

async function checkLocally(spec: ScannedSpec, nowMs: number): Promise<LocalPass | null> {
  const preferred = STATUS_PREFERENCE.map((name) => spec.phases.find((phase) => phase.name === name && phase.exists && phase.status !== null)).find(Boolean);
  if (!preferred?.status || leadingWord(preferred.status) !== 'approved') return null;
  const ageMs = nowMs - spec.lastModifiedMs;
  if (ageMs < MIN_EDIT_AGE_MS) return null;
  const tasks = spec.phases.find((phase) => phase.name === 'tasks');
  const decisions = spec.phases.find((phase) => phase.name === 'decisions');
  if (!tasks?.exists) return null;
  const tasksText = await readFile(tasks.file, 'utf8').catch(() => null);
  const tasksInfo = await stat(tasks.file).catch(() => null);
  if (tasksText === null || tasksInfo === null) return null;
  const count = countTasks(tasksText);
  if (count.open > 0 || count.checked === 0) return null;
  const decisionsText = decisions?.exists ? ((await readFile(decisions.file, 'utf8').catch(() => null)) ?? '') : '';
  const prs = extractPrRefs([decisionsText, tasksText]);
  const days = Math.max(1, Math.floor(ageMs / (24 * 60 * 60 * 1000)));
  const hash = snapshotHash({ lastModified: new Date(spec.lastModifiedMs).toISOString(), prs, tasksMtimeS: tasksInfo.mtimeMs / 1000 });
  return {
    prs,
    ageEvidence: `✓ last edit ${days} day${days === 1 ? '' : 's'} ago`,
    candidate: {
      slug: spec.slug,
      dir: spec.dir,
      phase: preferred.name,
      currentStatus: preferred.status,
      evidence: [`✓ ${preferred.name}.md is "${preferred.status}"`, `✓ all ${count.checked} task${count.checked === 1 ? '' : 's'} in tasks.md checked`],
      snapshotHash: hash,
    },
  };
}

async function checkRemotely(local: LocalPass, repo: RepoResolution, checks: GithubChecks | null, warnings: string[]): Promise<Candidate | null> {
  const { candidate, prs } = local;
  const evidence = [...candidate.evidence];
  const noRepo = (what: string) => `⚠ ${what} not checked: ${repo.kind === 'none' ? repo.reason : ''}`;
  if (prs.length === 0) evidence.push('✓ no PR references in decisions.md or tasks.md');
  else if (!checks) evidence.push(noRepo(`merge state of ${prs.map((pr) => `#${pr}`).join(', ')}`));
  else if (!accept(await checks.prsMerged(prs), `merge state of ${prs.map((pr) => `#${pr}`).join(', ')}`, evidence, warnings, candidate.slug)) return null;
  if (!checks) evidence.push(noRepo('open issues'));
  else if (!accept(await checks.noOpenIssues(candidate.slug), 'open issues', evidence, warnings, candidate.slug)) return null;
  evidence.push(local.ageEvidence);
  return { ...candidate, evidence };
}

function accept(outcome: CheckOutcome, what: string, evidence: string[], warnings: string[], slug: string): boolean {
  switch (outcome.kind) {
    case 'pass':
      evidence.push(outcome.evidence);
      return true;
    case 'skipped':
      evidence.push(`⚠ ${what} not checked: ${outcome.reason}`);
      return true;
    case 'failed':
      warnings.push(`Spec "${slug}" was not considered: ${outcome.message}`);
      return false;
    case 'fail':
      return false;
  }
}
