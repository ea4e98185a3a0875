import { describe, expect, it } from 'vitest';
import type { MenuItemSpec, OpsStatus } from '../../electron/shell-types.js';
import { TOOLTIP_MAX, trayView } from '../../electron/tray-view.js';
import { run, status } from './fakes.js';

const view = (s = status(), recentRuns = [] as ReturnType<typeof run>[], startAtLogin = false) =>
  trayView({ status: s, recentRuns, startAtLogin, productName: 'Attune Ops' });
const item = (menu: MenuItemSpec[], label: string) => menu.find((entry) => entry.label?.startsWith(label));

describe('tray view: state → icon, tooltip, menu', () => {
  it.each(['ok', 'running', 'warning', 'error', 'stale'] as const)(
    'shows the %s icon for overall state %s',
    (overall) => {
      expect(view(status({ overall })).icon).toBe(overall);
    },
  );

  it('leads the tooltip with the month spend and the running count', () => {
    const tooltip = view(status({ overall: 'running', running: [run('r1', 'running')] })).tooltip;
    expect(tooltip).toContain('$123.45 this month · 1 running');
  });

  it('formats large spend with thousands separators and names the budget share', () => {
    const tooltip = view(status({ costs: { monthToDateUsd: 12345.6, budgetPct: 81.6 } })).tooltip;
    expect(tooltip).toContain('$12,345.60 this month · nothing running · 82% of budget');
  });

  it('says why when spend is unknown or the state is not ok', () => {
    expect(view(status({ costs: { state: 'no_key', monthToDateUsd: null } })).tooltip).toContain(
      'billing not connected',
    );
    expect(view(status({ overall: 'error', costs: { state: 'error', detail: 'Key rejected' } })).tooltip).toContain(
      'Key rejected',
    );
    expect(
      view(
        status({ overall: 'error', lastFinished: run('r9', 'failed', { workflow: 'lint' }), costs: { detail: null } }),
      ).tooltip,
    ).toContain('lint failed');
    expect(view(status({ overall: 'stale', costs: { detail: null } })).tooltip).toContain('spend data is stale');
  });

  it('keeps the tooltip within the Windows limit', () => {
    const tooltip = view(status({ overall: 'warning', costs: { detail: 'x'.repeat(300) } })).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
  });

  it('always offers open console, refresh, open in browser, start at login and quit', () => {
    const menu = view().menu;
    expect(item(menu, 'Open console')?.action).toEqual({ kind: 'open-console' });
    expect(item(menu, 'Refresh spend')?.action).toEqual({ kind: 'refresh-spend' });
    expect(item(menu, 'Open in browser')?.action).toEqual({ kind: 'open-in-browser' });
    expect(item(menu, 'Start at login')).toMatchObject({
      type: 'checkbox',
      checked: false,
      action: { kind: 'toggle-start-at-login' },
    });
    expect(menu.at(-1)?.action).toEqual({ kind: 'quit' });
    expect(item(view(status(), [], true).menu, 'Start at login')?.checked).toBe(true);
  });

  it('lists running runs with open and cancel, and recent finished runs with open', () => {
    const s = status({ overall: 'running', running: [run('r1', 'running', { workflow: 'test', path: 'src/api' })] });
    const menu = view(s, [run('r1', 'running'), run('r0', 'failed', { workflow: 'lint' })]).menu;
    const running = item(menu, 'Running runs (1)')!.submenu!;
    expect(running[0]!.label).toBe('test src/api');
    expect(running[0]!.submenu!.map((entry) => entry.action)).toEqual([
      { kind: 'open-run', runId: 'r1' },
      { kind: 'cancel-run', runId: 'r1' },
    ]);
    const recent = item(menu, 'Recent runs')!.submenu!;
    expect(recent).toEqual([{ label: 'lint — failed', action: { kind: 'open-run', runId: 'r0' } }]);
  });

  it('shows disabled placeholders instead of empty submenus', () => {
    const menu = view().menu;
    expect(item(menu, 'Running runs (0)')!.submenu).toEqual([{ label: 'Nothing running', enabled: false }]);
    expect(item(menu, 'Recent runs')!.submenu).toEqual([{ label: 'No finished runs yet', enabled: false }]);
  });
});

describe('states this shell does not know yet', () => {
  it('shows an unknown (neutral) cost and overall state neutrally, not as an error', () => {
    const neutral = status({
      overall: 'not_connected' as OpsStatus['overall'],
      costs: { state: 'not_connected' as OpsStatus['costs']['state'], monthToDateUsd: null, detail: 'Connect billing' },
    });
    const view = trayView({ status: neutral, recentRuns: [], startAtLogin: false, productName: 'Attune Ops' });
    expect(view.icon).toBe('ok');
    expect(view.tooltip).toBe('Attune Ops — billing not connected · nothing running');
  });

  it('lists Open a project folder… and the recent projects, the current one ticked, when the shell switches projects', () => {
    const menu = (projects: { current: string | null; recent: string[] }) =>
      trayView({ status: status(), recentRuns: [], startAtLogin: false, productName: 'Attune Ops', projects }).menu;
    const withTwo = menu({ current: '/w/b', recent: ['/w/b', '/w/a'] });
    expect(item(withTwo, 'Open a project folder…')!.action).toEqual({ kind: 'open-project-folder' });
    expect(item(withTwo, 'Recent projects')!.submenu).toEqual([
      { label: '/w/b', type: 'checkbox', checked: true, action: { kind: 'open-recent-project', root: '/w/b' } },
      { label: '/w/a', type: 'checkbox', checked: false, action: { kind: 'open-recent-project', root: '/w/a' } },
    ]);
    const welcome = menu({ current: null, recent: [] });
    expect(item(welcome, 'Recent projects')!.submenu).toEqual([{ label: 'No projects opened yet', enabled: false }]);
    expect(item(view().menu, 'Open a project folder…')).toBeUndefined();
  });
});
