/**
 * The one sentence that explains a "Ready to close?" answer, above all an empty one: how
 * many specs were checked and how many passed each check in turn (approved, unchanged for
 * 24 h, every task checked, GitHub checks), plus unreadable and dismissed ones. Pure.
 *
 * Example: "No spec is ready to close. 10 specs checked: 2 approved, 1 of them unchanged
 * for 24 h, 0 of those with every task checked."
 */
import type { DetectionFunnel } from './detect-candidates.js';

export interface SummaryInput {
  funnel: DetectionFunnel;
  /** Specs that passed every check. */
  candidates: number;
  /** Of those, how many are hidden by an active dismissal. */
  dismissed: number;
}

export function describeCandidates({ funnel, candidates, dismissed }: SummaryInput): string {
  const visible = candidates - dismissed;
  const lead =
    visible === 0 ? 'No spec is ready to close.' : `${visible} spec${visible === 1 ? ' is' : 's are'} ready to close.`;
  if (funnel.checked === 0) return `${lead} No spec folders were found to check.`;
  const steps = [`${funnel.approved} approved`];
  if (funnel.approved > 0) steps.push(`${funnel.quiet} of them unchanged for 24 h`);
  if (funnel.quiet > 0) steps.push(`${funnel.tasksDone} of those with every task checked`);
  if (funnel.tasksDone > 0) steps.push(`${candidates} with every PR merged and no open issue`);
  const extras: string[] = [];
  if (funnel.unreadable > 0) extras.push(`${funnel.unreadable} could not be read (see the warnings)`);
  if (dismissed > 0) extras.push(`${dismissed} dismissed`);
  const checked = `${funnel.checked} spec${funnel.checked === 1 ? '' : 's'} checked: ${steps.join(', ')}`;
  return `${lead} ${[checked, ...extras].join('; ')}.`;
}
