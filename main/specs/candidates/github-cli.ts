/**
 * `git` and `gh` as asynchronous child processes (never `*Sync`, so other requests keep
 * being answered), each with a timeout and an abort signal. Outcomes are unions: a
 * command that is not installed is `missing` (the caller skips only the checks needing
 * it), any other failure is `failed` with a message a user can act on.
 *
 * The child environment is the injected one minus `ANTHROPIC_*` variables, so the admin
 * key never reaches a child process.
 */
import type { SecretRedactor } from '../../logging/redact.js';
import { withoutSecrets } from '../../core/secret-env.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface ExecOptions {
  cwd?: string;
  env: Record<string, string | undefined>;
  timeout: number;
  signal?: AbortSignal;
  maxBuffer: number;
  encoding: 'utf8';
}

/** The promise form of child_process.execFile (injected so tests and benches can wrap it). */
export type ExecFileLike = (
  file: string,
  args: readonly string[],
  options: ExecOptions,
) => Promise<{ stdout: string; stderr: string }>;

export const defaultExecFile: ExecFileLike = promisify(execFile) as unknown as ExecFileLike;

export type CommandResult =
  { kind: 'ok'; stdout: string } | { kind: 'missing'; command: string } | { kind: 'failed'; message: string };

export interface CommandRunner {
  run(command: string, args: readonly string[], options?: { cwd?: string; timeoutMs?: number }): Promise<CommandResult>;
}

export interface CommandRunnerOptions {
  execFile: ExecFileLike;
  env: Record<string, string | undefined>;
  /** Knows the secrets the server holds; they are kept out of git's and gh's environment. */
  redactor: Pick<SecretRedactor, 'containsSecret'>;
  signal?: AbortSignal;
  defaultTimeoutMs?: number;
}

/** Builds a runner that turns every child-process outcome into a `CommandResult`. */
export function createCommandRunner(options: CommandRunnerOptions): CommandRunner {
  return {
    async run(command, args, runOptions = {}) {
      // Per call: a key stored after start-up is a secret from then on.
      const env = withoutSecrets(options.env, options.redactor);
      const timeout = runOptions.timeoutMs ?? options.defaultTimeoutMs ?? 10_000;
      try {
        const { stdout } = await options.execFile(command, args, {
          ...(runOptions.cwd !== undefined && { cwd: runOptions.cwd }),
          env,
          timeout,
          ...(options.signal && { signal: options.signal }),
          maxBuffer: 8 * 1024 * 1024,
          encoding: 'utf8',
        });
        return { kind: 'ok', stdout };
      } catch (error) {
        return describeFailure(
          command,
          args,
          timeout,
          error as NodeJS.ErrnoException & { killed?: boolean; stderr?: string; code?: unknown },
        );
      }
    },
  };
}

function describeFailure(
  command: string,
  args: readonly string[],
  timeout: number,
  error: NodeJS.ErrnoException & { killed?: boolean; stderr?: string; code?: unknown },
): CommandResult {
  if (error.code === 'ENOENT') return { kind: 'missing', command };
  const shown = `${command} ${args.slice(0, 3).join(' ')}`;
  if (error.name === 'AbortError')
    return { kind: 'failed', message: `${shown} was stopped because the server is shutting down.` };
  if (error.killed)
    return { kind: 'failed', message: `${shown} did not answer within ${Math.round(timeout / 1000)} s.` };
  const stderr = (error.stderr ?? '').trim().split('\n')[0] ?? '';
  const exit =
    typeof error.code === 'number' ? `exited with ${error.code}` : `failed (${String(error.code ?? error.message)})`;
  return { kind: 'failed', message: `${shown} ${exit}${stderr ? `: ${stderr.slice(0, 200)}` : ''}` };
}

/** "owner/name" from a GitHub remote URL (scp-like, ssh:// or https://), else null. */
export function parseGithubRemote(url: string): string | null {
  const trimmed = url.trim();
  const patterns = [
    /^git@github\.com:([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/,
    /^ssh:\/\/git@github\.com(?::\d+)?\/([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/,
    /^https?:\/\/(?:[^@/\s]+@)?github\.com\/([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(trimmed);
    if (match?.[1]) return match[1];
  }
  return null;
}

export type RepoResolution = { kind: 'ok'; repo: string } | { kind: 'none'; reason: string };

/** The GitHub repository of the project root's `origin` remote. */
export async function resolveGithubRepo(runner: CommandRunner, projectRoot: string): Promise<RepoResolution> {
  const result = await runner.run('git', ['remote', 'get-url', 'origin'], { cwd: projectRoot, timeoutMs: 5000 });
  if (result.kind === 'missing')
    return { kind: 'none', reason: `git was not found on PATH, so the GitHub repository of ${projectRoot} is unknown` };
  if (result.kind === 'failed')
    return { kind: 'none', reason: `${projectRoot} has no git remote "origin" (${result.message})` };
  const repo = parseGithubRemote(result.stdout);
  if (repo === null)
    return {
      kind: 'none',
      reason: `the "origin" remote of ${projectRoot} (${result.stdout.trim().replace(/\/\/[^@/\s]+@/, '//')}) is not a GitHub repository`,
    };
  return { kind: 'ok', repo };
}
