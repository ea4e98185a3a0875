/**
 * Opening a project from the page (welcome screen, header): asks the desktop shell through
 * its bridge and keeps what the user must read when nothing opened. On success the shell
 * reloads the window on the new project, so there is nothing else to do here.
 * `available` is false in a plain browser (no bridge, no folder dialog).
 */
import { useCallback, useState } from 'react';
import { desktopBridge } from './desktop-bridge';

export interface OpenProject {
  available: boolean;
  busy: boolean;
  /** Why the last request opened nothing (null when it opened, was dismissed, or none yet). */
  problem: string | null;
  open(recentRoot?: string): void;
}

export function useOpenProject(): OpenProject {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const bridge = desktopBridge();
  const openProject = bridge?.openProject?.bind(bridge);
  const open = useCallback(
    (recentRoot?: string) => {
      if (!openProject) return;
      setBusy(true);
      setProblem(null);
      openProject(recentRoot).then(
        (answer) => {
          setBusy(false);
          if (answer.kind === 'kept' || answer.kind === 'refused') setProblem(answer.reason);
        },
        (error: unknown) => {
          setBusy(false);
          setProblem(`The desktop app did not answer: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    },
    [openProject],
  );
  return { available: Boolean(openProject), busy, problem, open };
}
