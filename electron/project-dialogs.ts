/**
 * The native dialogs of project switching, over Electron's `dialog` (main process only):
 * the folder picker, and the question asked before running runs are cancelled.
 *
 * Invariants: the picker offers folders only; the question's default and Escape answer
 * keep the runs (cancelling them needs an explicit click).
 */
import type { ShellElectron } from './electron-surface.js';
import { runsWord } from './project-switch.js';

export const CANCEL_RUNS_BUTTONS = ['Cancel the runs and open', 'Keep working here'] as const;

export function projectDialogs(dialog: ShellElectron['dialog']) {
  return {
    async chooseFolder(): Promise<string | null> {
      const answer = await dialog.showOpenDialog({
        title: 'Open a project folder',
        buttonLabel: 'Open',
        properties: ['openDirectory', 'createDirectory'],
      });
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    async confirmCancelRuns(question: { running: number; from: string; to: string }): Promise<boolean> {
      const answer = await dialog.showMessageBox({
        type: 'question',
        title: 'Runs in progress',
        message: `${runsWord(question.running)} in progress in ${question.from}.`,
        detail: `Opening ${question.to} stops this project's ops server: the runs are cancelled and recorded as cancelled.`,
        buttons: [...CANCEL_RUNS_BUTTONS],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return answer.response === 0;
    },
  };
}
