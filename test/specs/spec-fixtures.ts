/**
 * Builders for specs tests: a copy of the demo project in a temp dir (optionally a git
 * repo with a GitHub `origin`), old mtimes for specs (git keeps none), and a fake `gh` on
 * PATH driven by a JSON state file. The clock: test/fakes/manual-clock.ts.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/temp.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_PROJECT = join(here, '..', 'fixtures', 'demo-project');
export const FAKE_GH_DIR = join(here, '..', 'fixtures', 'fake-gh');
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Copies the demo project to a fresh temp dir; with `git`, makes it a repo with an origin. */
export async function copyDemoProject(options: { git?: boolean; remote?: string } = {}): Promise<string> {
  const root = await tempDir('attune-demo-');
  await cp(DEMO_PROJECT, root, { recursive: true });
  if (options.git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['remote', 'add', 'origin', options.remote ?? 'git@github.com:attune-demo/demo-project.git'], {
      cwd: root,
    });
  }
  return root;
}

/** Sets the mtime of every `.md` file of a spec to `ageMs` before `nowMs`. */
export async function ageSpec(projectRoot: string, slug: string, ageMs: number, nowMs = Date.now()): Promise<void> {
  const dir = join(projectRoot, 'docs', 'specs', slug);
  const when = new Date(nowMs - ageMs);
  for (const file of await readdir(dir)) if (file.endsWith('.md')) await utimes(join(dir, file), when, when);
}

export interface FakeGhState {
  merged?: number[];
  open?: number[];
  closedUnmerged?: number[];
  openIssues?: Record<string, { number: number; title: string }[]>;
  delayMs?: number;
  fail?: boolean;
}

export interface FakeGh {
  env: Record<string, string>;
  setState(state: FakeGhState): Promise<void>;
  /** The argument lines of every gh call so far. */
  calls(): Promise<string[]>;
}

/** An environment whose PATH finds the fake gh first, plus git and node. */
export async function fakeGh(state: FakeGhState = {}): Promise<FakeGh> {
  const dir = await tempDir('attune-fake-gh-');
  const stateFile = join(dir, 'state.json');
  const logFile = join(dir, 'calls.log');
  await writeFile(logFile, '');
  const fake: FakeGh = {
    env: {
      PATH: [FAKE_GH_DIR, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
      FAKE_GH_STATE: stateFile,
      FAKE_GH_LOG: logFile,
    },
    setState: (next) => writeFile(stateFile, JSON.stringify(next)),
    calls: async () => (await readFile(logFile, 'utf8')).split('\n').filter(Boolean),
  };
  await fake.setState(state);
  return fake;
}

/** An environment whose PATH holds only git and node: no gh at all. */
export async function envWithoutGh(): Promise<Record<string, string>> {
  const bin = await tempDir('attune-no-gh-');
  const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  await mkdir(bin, { recursive: true });
  await symlink(git, join(bin, 'git'));
  await symlink(process.execPath, join(bin, 'node'));
  return { PATH: bin };
}
