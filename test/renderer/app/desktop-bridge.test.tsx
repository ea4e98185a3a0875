/**
 * Inside the desktop window the console follows tray commands without reloading; in a
 * plain browser (no bridge) nothing subscribes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from '@testing-library/react';
import { useTrayCommands, desktopBridge, type TrayCommand } from '../../../renderer/src/app/desktop-bridge';

function Probe() {
  useTrayCommands();
  return null;
}

type Bridged = Window & { attuneDesktop?: unknown };

afterEach(() => {
  cleanup();
  delete (window as Bridged).attuneDesktop;
  window.history.replaceState(null, '', '/');
});

describe('tray commands in the console', () => {
  it('navigates to a run in place and unsubscribes on unmount', () => {
    const listeners = new Set<(command: TrayCommand) => void>();
    (window as Bridged).attuneDesktop = {
      isDesktop: true,
      appVersion: '1.0.0',
      openExternal: () => undefined,
      onTrayCommand: (callback: (command: TrayCommand) => void) => {
        listeners.add(callback);
        return () => listeners.delete(callback);
      },
    };
    const { unmount } = render(<Probe />);
    expect(listeners.size).toBe(1);
    for (const listener of listeners) listener({ kind: 'open-run', runId: '20261124T080000000Z-abc123' });
    expect(window.location.pathname).toBe('/runs/20261124T080000000Z-abc123');
    for (const listener of listeners) listener({ kind: 'open-run', runId: '../settings' });
    expect(window.location.pathname).toBe('/runs/20261124T080000000Z-abc123');
    for (const listener of listeners) listener({ kind: 'refresh-costs' });
    expect(window.location.pathname).toBe('/');
    unmount();
    expect(listeners.size).toBe(0);
  });

  it('does nothing in a plain browser', () => {
    expect(desktopBridge()).toBeNull();
    render(<Probe />);
    expect(window.location.pathname).toBe('/');
  });
});
