/**
 * "Ready to close?" detection (docs/COMPATIBILITY.md): a spec is a candidate when all hold, checked
 * cheapest first so most specs never cost a child process:
 *   1. its status (first phase with one, in the order decisions, tasks, design,
 *      requirements) has the leading word `approved` (so "approved (2026-05-09)" counts);
 *   2. its newest `.md` edit is at least 24 h old;
 *   3. tasks.md has at least one task and every task is checked;
 *   4. every PR referenced in decisions.md / tasks.md is merged;
 *   5. no open issue mentions the slug.
 * 4 and 5 need `gh` and a GitHub `origin` remote of the project root. Without them those
 * checks are skipped and the evidence says so (⚠ lines); a gh error drops the spec and
 * adds a warning, and so does a tasks.md or decisions.md that cannot be read (naming the
 * spec and the error code). `funnel` counts how many specs passed each check, so an empty
 * answer can say why. Dismissals are applied by the caller, not here.
 */
import { relative } from 'node:path';
import { describeRead, readRegularFileText } from '../../core/regular-file.js';
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

/** How many specs passed each check in turn (the last step is `candidates.length`). */
export interface DetectionFunnel {
  checked: number;
  approved: number;
  quiet: number;
  tasksDone: number;
  unreadable: number;
}

export interface Detection {
  candidates: Candidate[];
  warnings: string[];
  funnel: DetectionFunnel;
}

type LocalOutcome =
  { kind: 'pass'; local: LocalPass } | { kind: 'stop'; passed: 0 | 1 | 2 } | { kind: 'unreadable'; warning: string };

interface LocalPass {
  candidate: Candidate;
  prs: number[];
  ageEvidence: string;
}

/** Runs the five checks over every spec; never throws for a spec-level problem. */
export async function detectCandidates(input: DetectInput): Promise<Detection> {
  const outcomes = await mapLimit(input.specs, 16, (spec) => checkLocally(spec, input.nowMs, input.projectRoot));
  const funnel: DetectionFunnel = { checked: input.specs.length, approved: 0, quiet: 0, tasksDone: 0, unreadable: 0 };
  const warnings: string[] = [];
  const locals: LocalPass[] = [];
  for (const outcome of outcomes) {
    const passed = outcome.kind === 'stop' ? outcome.passed : 3;
    if (passed >= 1) funnel.approved += 1;
    if (passed >= 2) funnel.quiet += 1;
    if (outcome.kind === 'pass') locals.push(outcome.local);
    if (outcome.kind === 'unreadable') {
      funnel.unreadable += 1;
      warnings.push(outcome.warning);
    }
  }
  funnel.tasksDone = locals.length;
  if (locals.length === 0) return { candidates: [], warnings, funnel };
  const repo = await resolveGithubRepo(input.runner, input.projectRoot);
  const checks =
    repo.kind === 'ok' ? createGithubChecks(input.runner, repo.repo, new Semaphore(input.ghConcurrency ?? 4)) : null;
  const results = await mapLimit(locals, 16, (local) => checkRemotely(local, repo, checks, warnings));
  return { candidates: results.filter((entry): entry is Candidate => entry !== null), warnings, funnel };
}

async function checkLocally(spec: ScannedSpec, nowMs: number, projectRoot: string): Promise<LocalOutcome> {
  const preferred = STATUS_PREFERENCE.map((name) =>
    spec.phases.find((phase) => phase.name === name && phase.exists && phase.status !== null),
  ).find(Boolean);
  if (!preferred?.status || leadingWord(preferred.status) !== 'approved') return { kind: 'stop', passed: 0 };
  const ageMs = nowMs - spec.lastModifiedMs;
  if (ageMs < MIN_EDIT_AGE_MS) return { kind: 'stop', passed: 1 };
  const tasks = spec.phases.find((phase) => phase.name === 'tasks');
  const decisions = spec.phases.find((phase) => phase.name === 'decisions');
  if (!tasks?.exists) return { kind: 'stop', passed: 2 };
  const unreadable = (file: string, reason: string): LocalOutcome => ({
    kind: 'unreadable',
    warning: `Spec "${spec.slug}" was not considered: could not read ${relative(projectRoot, file) || file} (${reason}).`,
  });
  // Regular files only: a tasks.md swapped for a FIFO since the scan must not block the check.
  const tasksRead = await readRegularFileText(tasks.file);
  if (tasksRead.kind !== 'ok') return unreadable(tasks.file, describeRead(tasksRead));
  const tasksText = tasksRead.text;
  const tasksMtimeMs = tasksRead.stats.mtimeMs;
  let decisionsText = '';
  if (decisions?.exists) {
    const decisionsRead = await readRegularFileText(decisions.file);
    if (decisionsRead.kind !== 'ok') return unreadable(decisions.file, describeRead(decisionsRead));
    decisionsText = decisionsRead.text;
  }
  const count = countTasks(tasksText);
  if (count.open > 0 || count.checked === 0) return { kind: 'stop', passed: 2 };
  const prs = extractPrRefs([decisionsText, tasksText]);
  const days = Math.max(1, Math.floor(ageMs / (24 * 60 * 60 * 1000)));
  const hash = snapshotHash({
    lastModified: new Date(spec.lastModifiedMs).toISOString(),
    prs,
    tasksMtimeS: tasksMtimeMs / 1000,
  });
  const candidate: Candidate = {
    slug: spec.slug,
    dir: spec.dir,
    phase: preferred.name,
    currentStatus: preferred.status,
    evidence: [
      `✓ ${preferred.name}.md is "${preferred.status}"`,
      `✓ all ${count.checked} task${count.checked === 1 ? '' : 's'} in tasks.md checked`,
    ],
    snapshotHash: hash,
  };
  return {
    kind: 'pass',
    local: { prs, ageEvidence: `✓ last edit ${days} day${days === 1 ? '' : 's'} ago`, candidate },
  };
}

async function checkRemotely(
  local: LocalPass,
  repo: RepoResolution,
  checks: GithubChecks | null,
  warnings: string[],
): Promise<Candidate | null> {
  const { candidate, prs } = local;
  const evidence = [...candidate.evidence];
  const noRepo = (what: string) => `⚠ ${what} not checked: ${repo.kind === 'none' ? repo.reason : ''}`;
  if (prs.length === 0) evidence.push('✓ no PR references in decisions.md or tasks.md');
  else if (!checks) evidence.push(noRepo(`merge state of ${prs.map((pr) => `#${pr}`).join(', ')}`));
  else if (
    !accept(
      await checks.prsMerged(prs),
      `merge state of ${prs.map((pr) => `#${pr}`).join(', ')}`,
      evidence,
      warnings,
      candidate.slug,
    )
  )
    return null;
  if (!checks) evidence.push(noRepo('open issues'));
  else if (!accept(await checks.noOpenIssues(candidate.slug), 'open issues', evidence, warnings, candidate.slug))
    return null;
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
