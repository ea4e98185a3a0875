/**
 * The lifecycle bucket of a spec (docs/COMPATIBILITY.md), first match wins:
 *   paused  any phase status is `paused`
 *   parked  any phase status is `parked`
 *   complete  every existing phase is complete/completed/done/shipped/superseded
 *   active  any phase is `living`
 *   stale   the newest `.md` edit is more than 30 days old
 *   draft   requirements missing, or its status not one of complete/completed/done/
 *           shipped/superseded/approved/active/living
 *   approved-not-shipped  requirements approved, tasks.md exists, nothing complete
 *   active  otherwise
 * Every comparison is on the status's leading word, lower-cased (so "unpaused" is not
 * paused and "approved (2026-05-09)" is approved). Pure: `now` is passed in.
 */
import { COMPLETE_WORDS, leadingWord, type PhaseName } from './status-line.js';

export const LIFECYCLES = ['paused', 'parked', 'complete', 'active', 'stale', 'draft', 'approved-not-shipped'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
const SETTLED_REQUIREMENTS = new Set([...COMPLETE_WORDS, 'approved', 'active', 'living']);

export interface LifecycleInput {
  phases: readonly { name: PhaseName; exists: boolean; status: string | null }[];
  lastModifiedMs: number | null;
  nowMs: number;
}

export interface LifecycleVerdict {
  lifecycle: Lifecycle;
  /** One sentence saying which rule matched. */
  reason: string;
}

/** Classifies a spec; the reason names the rule so the UI can explain the bucket. */
export function classifyLifecycle(input: LifecycleInput): LifecycleVerdict {
  const existing = input.phases.filter((phase) => phase.exists);
  const words = existing.map((phase) => ({ name: phase.name, word: leadingWord(phase.status) }));
  const withWord = (word: string) => words.find((entry) => entry.word === word);

  const paused = withWord('paused');
  if (paused) return { lifecycle: 'paused', reason: `${paused.name}.md is paused.` };
  const parked = withWord('parked');
  if (parked) return { lifecycle: 'parked', reason: `${parked.name}.md is parked.` };
  if (words.length > 0 && words.every((entry) => COMPLETE_WORDS.has(entry.word))) {
    return { lifecycle: 'complete', reason: 'Every phase is complete.' };
  }
  const living = withWord('living');
  if (living) return { lifecycle: 'active', reason: `${living.name}.md is a living document.` };
  if (input.lastModifiedMs !== null && input.nowMs - input.lastModifiedMs > STALE_AFTER_MS) {
    return { lifecycle: 'stale', reason: 'No .md file of this spec was edited in the last 30 days.' };
  }
  const requirements = words.find((entry) => entry.name === 'requirements');
  if (!requirements) return { lifecycle: 'draft', reason: 'requirements.md is missing.' };
  if (!SETTLED_REQUIREMENTS.has(requirements.word)) {
    return {
      lifecycle: 'draft',
      reason: `requirements.md is ${requirements.word === '' ? 'without a status' : requirements.word}.`,
    };
  }
  const tasksExists = words.some((entry) => entry.name === 'tasks');
  const anyComplete = words.some((entry) => COMPLETE_WORDS.has(entry.word));
  if (requirements.word === 'approved' && tasksExists && !anyComplete) {
    return {
      lifecycle: 'approved-not-shipped',
      reason: 'Requirements are approved and tasks.md exists, but no phase is complete.',
    };
  }
  return { lifecycle: 'active', reason: 'Work is in progress.' };
}

/** Zero-filled counts by lifecycle, for the specs list header. */
export function countByLifecycle(lifecycles: readonly Lifecycle[]): Record<Lifecycle, number> {
  const counts = Object.fromEntries(LIFECYCLES.map((name) => [name, 0])) as Record<Lifecycle, number>;
  for (const lifecycle of lifecycles) counts[lifecycle] += 1;
  return counts;
}
