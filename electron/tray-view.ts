/**
 * The tray's whole appearance as a pure function of the ops status:
 * state → {icon, tooltip, menu template}. No Electron, no I/O, no clock.
 *
 * The tooltip leads with the month's spend and the number of running runs
 * ("$123.45 this month · 1 running"), then the reason for a non-ok state in words. The
 * menu always has Open console and Quit (Linux ignores tray clicks, so the menu is the
 * only way in), and lists running runs with open/cancel, the recent finished runs, and
 * (in the desktop app) Open a project folder… and the recent projects, the current one ticked.
 */
import type { MenuItemSpec, OpsStatus, RunBrief, TrayIconState, TrayProjects } from './shell-types.js';

export const RECENT_RUNS_IN_MENU = 5;
/** Windows truncates tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

export interface TrayViewInput {
  status: OpsStatus;
  recentRuns: readonly RunBrief[];
  startAtLogin: boolean;
  productName: string;
  /** Absent: no Projects section (a shell without project switching). */
  projects?: TrayProjects;
}

export interface TrayView {
  icon: TrayIconState;
  tooltip: string;
  menu: MenuItemSpec[];
}

const ICON_STATES: ReadonlySet<string> = new Set<TrayIconState>(['ok', 'running', 'warning', 'error', 'stale']);

/** A state this shell does not know yet (a newer core, e.g. a neutral "billing not connected") is shown neutrally. */
export function trayIcon(overall: string): TrayIconState {
  return ICON_STATES.has(overall) ? (overall as TrayIconState) : 'ok';
}

export function trayView(input: TrayViewInput): TrayView {
  return {
    icon: trayIcon(input.status.overall),
    tooltip: trayTooltip(input.status, input.productName),
    menu: trayMenu(input),
  };
}

export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Why: the tooltip is the one glance a user gets without opening the window. */
export function trayTooltip(status: OpsStatus, productName: string): string {
  const { costs, runs } = status;
  const spend =
    costs.monthToDateUsd === null ? spendUnknown(costs.state) : `${formatUsd(costs.monthToDateUsd)} this month`;
  const running = runs.running.length === 0 ? 'nothing running' : `${runs.running.length} running`;
  const parts = [spend, running];
  if (costs.budgetPct !== null && costs.monthToDateUsd !== null)
    parts.push(`${Math.round(costs.budgetPct)}% of budget`);
  const reason = stateReason(status);
  if (reason) parts.push(reason);
  const text = `${productName} — ${parts.join(' · ')}`;
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

function spendUnknown(state: string): string {
  if (state === 'loading') return 'spend loading';
  if (state === 'error' || state === 'warning' || state === 'stale') return 'spend unavailable';
  // no_key, and any neutral state a newer core adds: nothing is wrong, billing is just not connected.
  return 'billing not connected';
}

function stateReason(status: OpsStatus): string | null {
  const detail = status.costs.detail;
  switch (status.overall as string) {
    case 'ok':
    case 'running':
      return null;
    case 'warning':
      return detail ?? 'needs attention';
    case 'error':
      return (
        detail ??
        (status.runs.lastFinished?.status === 'failed' ? `${status.runs.lastFinished.workflow} failed` : 'error')
      );
    case 'stale':
      return detail ?? 'spend data is stale';
    default:
      return null;
  }
}

function runLabel(run: RunBrief): string {
  const scope = run.path && run.path !== '.' ? ` ${run.path}` : '';
  return `${run.workflow}${scope}`;
}

const STATUS_WORDS: Record<RunBrief['status'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  timed_out: 'timed out',
  interrupted: 'interrupted',
};

function runningSubmenu(running: readonly RunBrief[]): MenuItemSpec[] {
  if (running.length === 0) return [{ label: 'Nothing running', enabled: false }];
  return running.map((run) => ({
    label: runLabel(run),
    submenu: [
      { label: 'Open', action: { kind: 'open-run', runId: run.id } },
      { label: 'Cancel', action: { kind: 'cancel-run', runId: run.id } },
    ],
  }));
}

function recentSubmenu(recent: readonly RunBrief[]): MenuItemSpec[] {
  const finished = recent.filter((run) => run.status !== 'running').slice(0, RECENT_RUNS_IN_MENU);
  if (finished.length === 0) return [{ label: 'No finished runs yet', enabled: false }];
  return finished.map((run) => ({
    label: `${runLabel(run)} — ${STATUS_WORDS[run.status]}`,
    action: { kind: 'open-run', runId: run.id },
  }));
}

function projectsSection(projects: TrayProjects | undefined): MenuItemSpec[] {
  if (!projects) return [];
  const recent: MenuItemSpec[] =
    projects.recent.length === 0
      ? [{ label: 'No projects opened yet', enabled: false }]
      : projects.recent.map((root) => ({
          label: root,
          type: 'checkbox',
          checked: root === projects.current,
          action: { kind: 'open-recent-project', root },
        }));
  return [
    { label: 'Open a project folder…', action: { kind: 'open-project-folder' } },
    { label: 'Recent projects', submenu: recent },
    { type: 'separator' },
  ];
}

export function trayMenu(input: TrayViewInput): MenuItemSpec[] {
  const { status } = input;
  return [
    { label: 'Open console', action: { kind: 'open-console' } },
    { label: 'Refresh spend', action: { kind: 'refresh-spend' } },
    { type: 'separator' },
    { label: `Running runs (${status.runs.running.length})`, submenu: runningSubmenu(status.runs.running) },
    { label: 'Recent runs', submenu: recentSubmenu(input.recentRuns) },
    { type: 'separator' },
    ...projectsSection(input.projects),
    { label: 'Open in browser', action: { kind: 'open-in-browser' } },
    {
      label: 'Start at login',
      type: 'checkbox',
      checked: input.startAtLogin,
      action: { kind: 'toggle-start-at-login' },
    },
    { type: 'separator' },
    { label: `Quit ${input.productName}`, action: { kind: 'quit' } },
  ];
}
