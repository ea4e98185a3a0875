/**
 * `attune-ops serve` (the built CLI) as a real child process for the crash and
 * two-server tests: on a given home and project, runs allowed, a fixed token. `api` calls
 * it with the token (each answer checked against the contract) and `start` starts a run.
 * The caller kills it (`cli.child`) and awaits `cli.exited`.
 */
import type { PublicRun } from '../../main/contract/index.js';
import { checkedFetch } from '../support/checked-fetch.js';
import { runCliProcess, type CliProcess } from '../support/cli-process.js';

export const SERVE_TOKEN = 'serve-process-token-0123456789abcdefghijklm';
export const SERVE_AUTH = { Authorization: `Bearer ${SERVE_TOKEN}` };

export interface ServeProcess {
  cli: CliProcess;
  url: string;
  port: number;
  api(path: string, init?: { method?: string; json?: unknown }): Promise<Response>;
  /** Starts a run of `workflow` on the whole project. */
  start(workflow: string): Promise<PublicRun>;
}

export async function serveProcess(home: string, projectRoot: string): Promise<ServeProcess> {
  const cli = runCliProcess(['serve', '--port', '0', '--no-browser', '--project-root', projectRoot, '--allow-run'], {
    ATTUNE_HOME: home,
    ATTUNE_OPS_TOKEN: SERVE_TOKEN,
  });
  const url = (await cli.waitForOutput(/(http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  const api = checkedFetch((path, init = {}) =>
    fetch(`${url}${path}`, {
      method: init.method,
      headers: { ...SERVE_AUTH, ...(init.json !== undefined && { 'Content-Type': 'application/json' }) },
      ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
    }),
  );
  const start = async (workflow: string) => {
    const answer = await api(`/api/workflows/${workflow}/runs`, { method: 'POST', json: {} });
    if (answer.status !== 201)
      throw new Error(`starting ${workflow} answered ${answer.status}: ${await answer.text()}`);
    return ((await answer.json()) as { run: PublicRun }).run;
  };
  return { cli, url, port: Number(new URL(url).port), api, start };
}
