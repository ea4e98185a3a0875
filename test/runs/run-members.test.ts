/**
 * How a run's processes are recognised, on a /proc laid out in a temp folder (stat and
 * environ files as Linux writes them): by group, by session, or by the exact
 * ATTUNE_RUN_ID=<id> entry of a process started no earlier than the leader; never by a
 * longer id, another variable ending in ATTUNE_RUN_ID, or an older process.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessProbe } from '../../main/runs/process/process-identity.js';
import { findRunMembers, runMarker } from '../../main/runs/process/run-members.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

/** /proc/<pid>/stat: "pid (comm) state ppid pgrp session … starttime(22)". */
function stat(pid: number, pgrp: number, session: number, startTime: number, state = 'S'): string {
  const rest = Array.from({ length: 16 }, () => '0');
  rest[15] = String(startTime);
  return `${pid} (a (odd) name) ${state} 1 ${pgrp} ${session} ${rest.slice(0, 15).join(' ')} ${startTime} 0 0\n`;
}

async function fakeProc(
  entries: Array<{ pid: number; pgrp: number; session: number; start: number; env: string[]; state?: string }>,
) {
  const dir = await tempDir('attune-proc-');
  for (const e of entries) {
    await mkdir(join(dir, String(e.pid)));
    await writeFile(join(dir, String(e.pid), 'stat'), stat(e.pid, e.pgrp, e.session, e.start, e.state));
    await writeFile(join(dir, String(e.pid), 'environ'), e.env.map((v) => `${v}\0`).join(''));
  }
  return new ProcessProbe({ procDir: dir, platform: 'linux' });
}

describe('findRunMembers', () => {
  it('finds the group, the session and the exact marker of newer processes, and nothing else', async () => {
    const id = '20261202T000000000Z-abcdef';
    const probe = await fakeProc([
      { pid: 100, pgrp: 100, session: 100, start: 5000, env: ['PATH=/bin', runMarker(id)] }, // leader
      { pid: 101, pgrp: 100, session: 100, start: 5001, env: [] }, // double fork: same group
      { pid: 102, pgrp: 102, session: 100, start: 5002, env: [] }, // own group, same session
      { pid: 103, pgrp: 103, session: 103, start: 5003, env: ['A=1', runMarker(id), 'B=2'] }, // setsid escapee
      { pid: 104, pgrp: 104, session: 104, start: 5004, env: [`${runMarker(id)}0`] }, // a longer id
      { pid: 105, pgrp: 105, session: 105, start: 5005, env: [`X_${runMarker(id)}`] }, // another variable
      { pid: 106, pgrp: 106, session: 106, start: 4000, env: [runMarker(id)] }, // older than the leader
      { pid: 107, pgrp: 107, session: 107, start: 5007, env: [runMarker(id)], state: 'Z' }, // a zombie
      { pid: 108, pgrp: 108, session: 108, start: 5008, env: ['PATH=/bin'] }, // a stranger
    ]);
    expect(findRunMembers(probe, { runId: id, group: 100, session: 100, since: 5000 }).sort()).toEqual([
      100, 101, 102, 103,
    ]);
    // The leader not proven (recovery): only the marker decides, for processes of any age when the start is unknown.
    expect(findRunMembers(probe, { runId: id, group: null, session: null, since: null }).sort()).toEqual([
      100, 103, 106,
    ]);
  });
});
