/**
 * A private copy of the demo project (test/fixtures/demo-project) in a temp dir, so e2e
 * tests can edit specs and run workflows without touching the fixture. When the fixture
 * is missing the copy fails loudly rather than testing an empty project.
 */
import { cp, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/built.js';
import { tempDir } from '../../support/temp.js';

export const DEMO_PROJECT = join(ROOT, 'test', 'fixtures', 'demo-project');

export async function copyDemoProject(): Promise<string> {
  if (!existsSync(DEMO_PROJECT)) throw new Error(`the demo project fixture is missing at ${DEMO_PROJECT}`);
  const dir = join(await tempDir('attune-e2e-project-'), 'demo-project');
  await mkdir(dir, { recursive: true });
  await cp(DEMO_PROJECT, dir, { recursive: true });
  return dir;
}
