/**
 * The Workflows page's scope picker against a scripted server (fetch stub): features
 * are offered with their paths, "Whole project" sends no path, a custom path refused by
 * the server shows its message inline, and the chosen scope is remembered per workflow
 * and restored on the next visit. Runs off → banner and disabled Run buttons.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkflowsPage } from '../../../renderer/src/pages/workflows';
import type { ScopeList } from '../../../renderer/src/api/scopes';
import type { WorkflowList } from '../../../renderer/src/api/workflows';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

function fakeServer(options: { allowRun?: boolean; lastByWorkflow?: Record<string, string> } = {}) {
  const calls: Call[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetchStub = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    if (path === '/api/info')
      return json(200, {
        version: '0.1.0',
        projectRoot: '/p/demo',
        attuneHome: '/h',
        runsDir: '/h/ops/runs',
        allowRun: options.allowRun ?? true,
        specsCandidatesEnabled: false,
      });
    if (path === '/api/workflows') {
      const list: WorkflowList = {
        workflows: [
          {
            name: 'test',
            description: 'Run the unit tests',
            concern: 'test',
            acceptsPath: true,
            command: ['npm', 'test', '--'],
            pathArg: ['{path}'],
            timeoutMinutes: 60,
            source: 'project',
          },
          {
            name: 'typecheck',
            description: 'Type-check',
            concern: 'types',
            acceptsPath: false,
            command: ['tsc', '--noEmit'],
            pathArg: null,
            timeoutMinutes: 60,
            source: 'project',
          },
        ],
        error: null,
        hint: null,
        allowRun: options.allowRun ?? true,
      };
      return json(200, list);
    }
    if (path === '/api/scopes') {
      const scopes: ScopeList = {
        features: [
          { name: 'api', description: 'The HTTP API', path: 'src/api', tags: ['backend'] },
          { name: 'ui', description: 'The console', path: 'src/ui', tags: [] },
          { name: 'docs', description: 'Docs', path: null, tags: [], pathReason: 'its files are all globs' },
        ],
        wholeProject: { label: 'Whole project', path: '' },
        lastByWorkflow: options.lastByWorkflow ?? {},
        droppedLast: [],
      };
      return json(200, scopes);
    }
    if (path.startsWith('/api/runs?')) return json(200, { runs: [], nextCursor: null, skipped: 0 });
    if (path === '/api/scopes/last' && method === 'PUT') return json(200, { ok: true });
    if (path === '/api/workflows/test/runs' && method === 'POST') {
      const requested = (body as { path?: string }).path;
      if (requested === '../etc')
        return json(400, { error: { code: 'invalid_path', message: 'The path ../etc leaves the project root.' } });
      return json(201, { run: { id: 'run-1', workflow: 'test', path: requested ?? '', status: 'running' } });
    }
    return json(404, { error: { code: 'not_found', message: `no route ${method} ${path}` } });
  });
  vi.stubGlobal('fetch', fetchStub);
  return { calls };
}

beforeEach(() => window.history.replaceState(null, '', '/workflows'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const pickerOf = async (workflow: string) => within(await screen.findByTestId(`scope-picker-${workflow}`));

describe('scope picker', () => {
  it('lists the features with their paths, "Whole project" and "Custom path…"', async () => {
    fakeServer();
    render(<WorkflowsPage />);
    const picker = await pickerOf('test');
    const select = picker.getByLabelText('Scope') as HTMLSelectElement;
    const options = [...select.options].map((o) => [o.textContent, o.disabled]);
    expect(options).toEqual([
      ['Whole project', false],
      ['api — src/api', false],
      ['ui — src/ui', false],
      ['docs (no path: its files are all globs)', true],
      ['Custom path…', false],
    ]);
    expect(select.value).toBe('whole');
    expect(screen.queryByTestId('scope-picker-typecheck')).toBeNull();
  });

  it('runs on the whole project without a path, and on a feature with its path', async () => {
    const { calls } = fakeServer();
    render(<WorkflowsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('run-test'));
    await waitFor(() => expect(window.location.pathname).toBe('/runs/run-1'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({});

    cleanup();
    window.history.replaceState(null, '', '/workflows');
    render(<WorkflowsPage />);
    await user.selectOptions((await pickerOf('test')).getByLabelText('Scope'), 'feature:api');
    await user.click(screen.getByTestId('run-test'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toEqual({ path: 'src/api' });
  });

  it("shows the server's invalid_path message inline under a custom path", async () => {
    fakeServer();
    render(<WorkflowsPage />);
    const user = userEvent.setup();
    const picker = await pickerOf('test');
    await user.selectOptions(picker.getByLabelText('Scope'), 'custom');
    const input = picker.getByRole('textbox');
    await user.type(input, '../etc');
    await user.click(screen.getByTestId('run-test'));
    const error = await picker.findByText('The path ../etc leaves the project root.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(window.location.pathname).toBe('/workflows');
    await user.type(input, 'x');
    expect(picker.queryByText('The path ../etc leaves the project root.')).toBeNull();
  });

  it('remembers the chosen scope per workflow and restores it on the next visit', async () => {
    const { calls } = fakeServer();
    render(<WorkflowsPage />);
    const user = userEvent.setup();
    await user.selectOptions((await pickerOf('test')).getByLabelText('Scope'), 'feature:ui');
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT',
      path: '/api/scopes/last',
      body: { workflow: 'test', path: 'src/ui' },
    });

    cleanup();
    fakeServer({ lastByWorkflow: { test: 'src/ui' } });
    render(<WorkflowsPage />);
    expect(((await pickerOf('test')).getByLabelText('Scope') as HTMLSelectElement).value).toBe('feature:ui');

    cleanup();
    fakeServer({ lastByWorkflow: { test: 'lib/legacy' } });
    render(<WorkflowsPage />);
    const picker = await pickerOf('test');
    expect((picker.getByLabelText('Scope') as HTMLSelectElement).value).toBe('custom');
    expect((picker.getByRole('textbox') as HTMLInputElement).value).toBe('lib/legacy');
  });

  it('when runs are off, shows how to turn them on and disables every Run button with that reason', async () => {
    fakeServer({ allowRun: false });
    render(<WorkflowsPage />);
    const banner = await screen.findByTestId('runs-disabled-banner');
    expect(banner.textContent).toContain("Turn on 'Allow runs' in Settings");
    for (const name of ['test', 'typecheck']) {
      const button = screen.getByTestId(`run-${name}`) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      expect(reason?.textContent).toContain('Allow runs');
      expect(button.title).toContain('Allow runs');
    }
  });
});
