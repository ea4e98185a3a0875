/**
 * The desktop app's welcome screen and the header's project control: why no project is
 * open, in words; "Open a project folder…" and the recent projects go through the bridge;
 * an answer that opened nothing is shown; in a plain browser there is no folder button.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Welcome, welcomeReason } from '../../../renderer/src/app/welcome';
import { ProjectControl } from '../../../renderer/src/app/project-control';
import type { OpenProjectAnswer } from '../../../renderer/src/app/desktop-bridge';

type Bridged = Window & { attuneDesktop?: unknown };

function bridge(answer: OpenProjectAnswer) {
  const openProject = vi.fn(async (_root?: string) => answer);
  (window as Bridged).attuneDesktop = {
    isDesktop: true,
    appVersion: '1.0.0',
    openExternal: () => undefined,
    onTrayCommand: () => () => undefined,
    openProject,
  };
  return openProject;
}

afterEach(() => {
  cleanup();
  delete (window as Bridged).attuneDesktop;
});

describe('welcome screen', () => {
  it('reads only the known reasons from the query', () => {
    expect(welcomeReason('?welcome=first')).toBe('first');
    expect(welcomeReason('?welcome=missing')).toBe('missing');
    expect(welcomeReason('?welcome=<script>')).toBeNull();
    expect(welcomeReason('')).toBeNull();
  });

  it('says why the saved project is gone and opens the folder dialog or a recent project', async () => {
    const openProject = bridge({ kind: 'opened' });
    render(<Welcome why="missing" savedRoot="/w/old" recentProjects={['/w/old', '/w/other']} />);
    expect(screen.getByTestId('welcome-why').textContent).toBe(
      '/w/old no longer exists — it was moved, renamed or deleted. Open it from its new place, or another project.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open a project folder…' }));
    expect(openProject).toHaveBeenLastCalledWith(undefined);
    expect(screen.queryByRole('button', { name: '/w/old' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '/w/other' }));
    expect(openProject).toHaveBeenLastCalledWith('/w/other');
  });

  it('shows why nothing opened', async () => {
    bridge({ kind: 'kept', reason: '1 run is still in progress in /w/a; the project was not changed.' });
    render(<Welcome why="first" savedRoot={null} recentProjects={[]} />);
    expect(screen.getByTestId('welcome-why').textContent).toMatch(/No project is open yet/);
    await userEvent.click(screen.getByTestId('open-project'));
    await waitFor(() =>
      expect(screen.getByTestId('open-project-problem').textContent).toContain('1 run is still in progress'),
    );
  });

  it('in a plain browser offers the command line instead of a folder button', () => {
    render(<Welcome why="first" savedRoot={null} recentProjects={['/w/a']} />);
    expect(screen.queryByTestId('open-project')).toBeNull();
    expect(screen.getByText(/--project-root/)).toBeTruthy();
  });
});

describe('header project control', () => {
  it('lists the other recent projects and opens one through the bridge', async () => {
    const openProject = bridge({ kind: 'refused', reason: 'The folder cannot be opened: /w/b does not exist.' });
    render(<ProjectControl projectName="a" projectRoot="/w/a" recentProjects={['/w/a', '/w/b']} />);
    await userEvent.click(screen.getByTestId('project-switch'));
    const menu = screen.getByTestId('project-menu');
    expect([...menu.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Open a project folder…', '/w/b']);
    await userEvent.click(screen.getByRole('button', { name: '/w/b' }));
    expect(openProject).toHaveBeenCalledWith('/w/b');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('/w/b does not exist'));
  });

  it('is the project name only in a plain browser', () => {
    render(<ProjectControl projectName="a" projectRoot="/w/a" recentProjects={['/w/b']} />);
    expect(screen.getByTestId('project-name').textContent).toBe('a');
    expect(screen.queryByTestId('project-switch')).toBeNull();
  });
});
