/**
 * Helpers shared by the stand-in tests and the figures script (no vitest here): the
 * repository root, and starting a workflow run from inside the console page (its
 * session cookie authenticates).
 */
import type { Desktop } from './harness.js';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;

/** Starts a workflow run from inside the console page; returns its id. */
export async function startRun(desktop: Desktop, workflow: string): Promise<string> {
  const answer = await desktop.evaluate<{ status: number; id?: string }>(
    `fetch('/api/workflows/${workflow}/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
       .then(async (r) => ({ status: r.status, id: (await r.json()).run?.id }))`,
  );
  if (answer.status !== 201 || !answer.id) throw new Error(`starting ${workflow} answered ${answer.status}`);
  return answer.id;
}
