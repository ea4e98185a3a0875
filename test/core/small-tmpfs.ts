/**
 * A real, small file system for storage-failure tests: a tmpfs of a given size (ENOSPC
 * once it is full), remountable read-only (EROFS), mounted on a temp folder. Mounting needs
 * root; `mountSmallTmpfs` answers `refused` with the reason otherwise, and tests that need
 * it skip with that reason. `unmount` is idempotent and removes the mount point.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Tmpfs =
  { kind: 'mounted'; dir: string; remountReadOnly(): void; unmount(): void } | { kind: 'refused'; reason: string };

export function mountSmallTmpfs(options: { sizeKiB?: number } = {}): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'attune-tmpfs-'));
  const opts = `size=${options.sizeKiB ?? 64}k,mode=0700`;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { kind: 'refused', reason: `mount -t tmpfs was refused here: ${stderr || String(error)}` };
  }
  let mounted = true;
  return {
    kind: 'mounted',
    dir,
    remountReadOnly() {
      execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Mounts once for a whole test file; `reason` is set when mounting was refused. */
export function probeTmpfs(): string | undefined {
  const probe = mountSmallTmpfs({ sizeKiB: 16 });
  if (probe.kind === 'refused') return probe.reason;
  probe.unmount();
  return undefined;
}
