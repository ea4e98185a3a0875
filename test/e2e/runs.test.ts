/**
 * End to end, runs: in headless Chromium against the real server and the demo project's
 * real workflow processes.
 *   - a scoped run streams live lines; a long run is cancelled from its page;
 *   - reloading the page mid-run continues the log with no gap and no duplicate (the seqs
 *     rendered, read from the rows' data-seq while scrolling, equal the server's log);
 *   - the server process crashes (SIGKILL) mid-run and starts again on the same
 *     port/token/home: the page shows "reconnecting…", then recovers (run `interrupted`,
 *     log kept, indicator gone); a clean restart records the run `cancelled`;
 *   - runs disabled: the banner says how to enable them and every Run button is disabled;
 *   - a finished 200,000-line run (a real workflow) opens with its last line on screen,
 *     from one `tail` request: no event stream, and a bounded number of lines fetched;
 *     "Go to line" and "Jump to first error" reach their lines through pages.
 * Screenshots of the Workflows, Run and Runs pages (light and dark) go to test-artifacts/.
 * The log is read from the outside: scrolling the virtualized view and recording the
 * rows' data-seq and text (collectRenderedLog, at the end).
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { removeTempDirs } from '../support/temp.js';
import {
  copyDemoProject,
  launchBrowser,
  openConsole,
  screenshot,
  startE2eServer,
  until,
  type E2eServer,
} from './support/index.js';

// eslint-disable-next-line no-control-regex
const ANSI_SGR = /\u001b\[[0-9;]*m/g;

let browser: Browser;
const servers: E2eServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  await removeTempDirs();
});

async function server(options: Parameters<typeof startE2eServer>[0]): Promise<E2eServer> {
  const started = await startE2eServer(options);
  servers.push(started);
  return started;
}

async function startRun(ops: E2eServer, workflow: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await ops.api(`/api/workflows/${workflow}/runs`, { method: 'POST', json: body });
  expect(response.status).toBe(201);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

const lineCount = async (page: Page) => Number(await page.getByTestId('log-view').getAttribute('data-line-count'));
const runStatus = (page: Page) => page.getByTestId('run-status').locator('[data-status]').getAttribute('data-status');

async function serverSeqs(ops: E2eServer, runId: string): Promise<Array<{ seq: number; text: string }>> {
  const out: Array<{ seq: number; text: string }> = [];
  for (let from = 1; ;) {
    const response = await ops.api(`/api/runs/${runId}/log?from=${from}&limit=10000`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { lines: Array<{ seq: number; text: string }>; nextFrom: number };
    out.push(...body.lines.map(({ seq, text }) => ({ seq, text: text.replace(ANSI_SGR, '') })));
    if (body.lines.length === 0) return out;
    from = body.nextFrom;
  }
}

async function expectLogMatchesServer(page: Page, ops: E2eServer, runId: string): Promise<void> {
  const rendered = await collectRenderedLog(page);
  expect(rendered.duplicateRows).toEqual([]);
  const expected = await serverSeqs(ops, runId);
  expect(await lineCount(page)).toBe(expected.length);
  expect(rendered.lines.map((l) => l.seq)).toEqual(expected.map((l) => l.seq));
  expect(rendered.lines.map((l) => l.text)).toEqual(expected.map((l) => l.text));
}

describe('runs in the browser', () => {
  it('a scoped run streams live lines; a long run is cancelled from its page', async () => {
    const ops = await server({ allowRun: true });
    const { page, errors, close } = await openConsole(browser, ops, { path: '/workflows' });
    const picker = page.getByTestId('scope-picker-test');
    await picker.getByLabel('Scope').selectOption('feature:api');
    await page.getByTestId('run-test').click();
    await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
    expect(await page.getByTestId('run-scope').textContent()).toBe('src/api');
    await until(async () => (await lineCount(page)) > 0, 15_000, 'live lines of the scoped run');
    await until(async () => (await runStatus(page)) !== 'running', 30_000, 'the scoped run to finish');
    await screenshot(page, 'run-finished-light');

    await page.goto(`${ops.url}/workflows`);
    await page.getByTestId('run-long-build').click();
    await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
    await until(async () => (await lineCount(page)) >= 5, 15_000, 'long-build lines');
    expect(await page.getByTestId('run-elapsed').textContent()).toMatch(/^\d+:\d\d$/);
    await screenshot(page, 'run-live-light');
    await page.getByTestId('cancel-run').click();
    await until(async () => (await runStatus(page)) === 'cancelled', 20_000, 'status cancelled');
    const runId = page.url().split('/').pop() ?? '';
    await expectLogMatchesServer(page, ops, runId);
    expect(errors).toEqual([]);
    await close();
  });

  it('reloading the page mid-run continues the log with no gap or duplicate', async () => {
    const ops = await server({ allowRun: true });
    const runId = await startRun(ops, 'long-build');
    const { page, errors, close } = await openConsole(browser, ops, { path: `/runs/${runId}` });
    await until(async () => (await lineCount(page)) >= 10, 15_000, 'first lines');
    await page.reload();
    await until(async () => (await lineCount(page)) >= 30, 20_000, 'lines after the reload');
    await ops.api(`/api/runs/${runId}/cancel`, { method: 'POST' });
    await until(async () => (await runStatus(page)) === 'cancelled', 20_000, 'status cancelled');
    await expectLogMatchesServer(page, ops, runId);
    expect(errors).toEqual([]);
    await close();
  });

  it('recovers when the server crashes mid-run: reconnecting…, then the run interrupted with its log kept', async () => {
    const ops = await server({ allowRun: true, mode: 'process' });
    const runId = await startRun(ops, 'long-build');
    const { page, close } = await openConsole(browser, ops, { path: `/runs/${runId}` });
    await until(async () => (await lineCount(page)) >= 10, 15_000, 'first lines');
    await ops.crash();
    await page.getByTestId('reconnecting').waitFor({ timeout: 15_000 });
    const before = await lineCount(page);
    await screenshot(page, 'run-reconnecting-light');
    await ops.start();
    // A crash leaves the run to the next start's recovery, which marks it interrupted.
    const record = await until(
      async () => {
        const body = (await (await ops.api(`/api/runs/${runId}`)).json()) as {
          run: { status: string; reason: string | null };
        };
        return body.run.status !== 'running' ? body.run : null;
      },
      15_000,
      'the run record to be finished',
    );
    expect(record.status).toBe('interrupted');
    await until(async () => (await runStatus(page)) === 'interrupted', 30_000, 'status interrupted in the page');
    await page.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 15_000 });
    if (record.reason) expect(await page.getByTestId('run-facts').textContent()).toContain(record.reason);
    expect(await lineCount(page)).toBeGreaterThanOrEqual(before);
    await expectLogMatchesServer(page, ops, runId);
    await screenshot(page, 'run-after-crash-light');
    await close();
  });

  it('recovers when the server is stopped cleanly mid-run: the run is recorded cancelled, log kept', async () => {
    const ops = await server({ allowRun: true, mode: 'process' });
    const runId = await startRun(ops, 'long-build');
    const { page, close } = await openConsole(browser, ops, { path: `/runs/${runId}` });
    await until(async () => (await lineCount(page)) >= 10, 15_000, 'first lines');
    await ops.restart({ downMs: 500 });
    await until(async () => (await runStatus(page)) === 'cancelled', 30_000, 'status cancelled in the page');
    await page.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 15_000 });
    await expectLogMatchesServer(page, ops, runId);
    await close();
  });

  it('runs disabled: a banner says how to turn them on and every Run button is disabled', async () => {
    const ops = await server({ allowRun: false });
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openConsole(browser, ops, { path: '/workflows', colorScheme });
      const banner = page.getByTestId('runs-disabled-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/Allow runs/);
      const buttons = page.locator('[data-testid^="run-"]');
      await until(async () => (await buttons.count()) >= 5, 10_000, 'the five demo workflows');
      for (const button of await buttons.all()) {
        expect(await button.isDisabled()).toBe(true);
        expect(await button.getAttribute('title')).toMatch(/Allow runs/);
      }
      await screenshot(page, `workflows-runs-disabled-${colorScheme}`);
      await close();
    }
    const refused = await ops.api('/api/workflows/lint/runs', { method: 'POST', json: {} });
    expect(refused.status).toBe(403);
  });

  it('the Runs history lists runs with filters (screenshots light and dark)', async () => {
    const ops = await server({ allowRun: true });
    for (const [workflow, body] of [
      ['typecheck', {}],
      ['lint', { path: 'src/ui' }],
    ] as const) {
      const id = await startRun(ops, workflow, body);
      await until(
        async () =>
          ((await (await ops.api(`/api/runs/${id}`)).json()) as { run: { status: string } }).run.status !== 'running',
        20_000,
        `${workflow} to finish`,
      );
    }
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openConsole(browser, ops, { path: '/runs', colorScheme });
      const table = page.getByTestId('runs-table');
      await table.waitFor();
      await until(async () => (await table.locator('tbody tr').count()) === 2, 15_000, 'two runs listed');
      await page.getByTestId('filter-workflow').selectOption('lint');
      await until(async () => (await table.locator('tbody tr').count()) === 1, 10_000, 'the lint run only');
      expect(await table.textContent()).toContain('src/ui');
      expect(page.url()).toContain('workflow=lint');
      await screenshot(page, `runs-${colorScheme}`);
      await page.goto(`${ops.url}/workflows`);
      await page.getByTestId('workflow-lint').waitFor();
      await screenshot(page, `workflows-${colorScheme}`);
      await close();
    }
  });
});

const BIG_LINES = 200_000;
type LogTail = { lines: Array<{ seq: number; text: string }> };
type FirstError = { match: { seq: number; text: string } | null };
/** Prints BIG_LINES numbered lines (one `error:` line at 123,457, every 7th on stderr), as fast as the pipe takes them. */
const BIG_SCRIPT = `
const total = ${BIG_LINES}; let i = 0;
function pump() {
  let ok = true;
  while (i < total && ok) {
    let out = '', err = '';
    for (let k = 0; k < 1000 && i < total; k++) {
      i++;
      const text = i === 123457 ? 'src/big.ts:12:5: error TS2322: not assignable' : 'big line ' + i + ' of the log';
      if (i % 7 === 0) err += text + '\\n'; else out += text + '\\n';
    }
    if (err) process.stderr.write(err);
    ok = process.stdout.write(out);
  }
  if (i < total) process.stdout.once('drain', pump);
}
pump();
`;

async function projectWithBigWorkflow(): Promise<string> {
  const root = await copyDemoProject();
  await writeFile(join(root, 'scripts', 'big.mjs'), BIG_SCRIPT);
  await appendFile(
    join(root, '.attune', 'workflows.yaml'),
    [
      '  - name: big',
      '    description: A 200,000-line log',
      '    command: ["node", "scripts/big.mjs"]',
      '    cwd: .',
      '    concern: build',
      '    timeoutMinutes: 5',
      '',
    ].join('\n'),
  );
  return root;
}

describe('a large finished run in the browser', () => {
  it('opens at its last line from one tail request, without replaying the log', async () => {
    const ops = await server({ allowRun: true, projectRoot: await projectWithBigWorkflow() });
    const runId = await startRun(ops, 'big');
    await until(
      async () =>
        ((await (await ops.api(`/api/runs/${runId}`)).json()) as { run: { status: string } }).run.status !== 'running',
      120_000,
      'the 200,000-line run to finish',
    );
    const { page, errors, close } = await openConsole(browser, ops, { path: '/' });
    const fetched: Array<{ path: string; lines: number }> = [];
    const streams: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith(`/runs/${runId}/events`)) streams.push(request.url());
    });
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.endsWith(`/runs/${runId}/log`)) return;
      const body = (await response.json().catch(() => null)) as { lines?: unknown[] } | null;
      fetched.push({ path: `${url.pathname}${url.search}`, lines: body?.lines?.length ?? 0 });
    });
    await page.goto(`${ops.url}/runs/${runId}`);
    const view = page.getByTestId('log-view');
    // stdout and stderr arrive on two pipes, so seqs follow arrival: the expected texts come from the server.
    const lastLine = ((await (await ops.api(`/api/runs/${runId}/log?tail=1`)).json()) as LogTail).lines[0];
    expect(lastLine?.seq).toBe(BIG_LINES);
    const last = view.locator(`[data-seq="${BIG_LINES}"]`);
    await last.waitFor({ timeout: 15_000 });
    expect(await last.locator('.log-line__text').textContent()).toBe(lastLine?.text);
    expect(await isOnScreen(page, `[data-seq="${BIG_LINES}"]`)).toBe(true);
    expect(await lineCount(page)).toBe(BIG_LINES);
    expect(fetched[0]?.path).toMatch(/\/log\?tail=\d+$/);
    expect(streams).toEqual([]);
    const linesFetched = () => fetched.reduce((sum, f) => sum + f.lines, 0);
    expect(linesFetched()).toBeLessThanOrEqual(5_000);
    await screenshot(page, 'run-big-finished-light');

    await page.getByLabel('Go to line').fill('54321');
    await page.getByLabel('Go to line').press('Enter');
    await view.locator('[data-seq="54321"]').waitFor({ timeout: 15_000 });
    expect(await isOnScreen(page, '[data-seq="54321"]')).toBe(true);

    // stderr lines are marked, not tinted: go to one the server says is on stderr. (The
    // script's stderr writes are synchronous and run ahead of its paced stdout, so the
    // log's start holds stderr lines for sure; its end may not.)
    const start = (await (await ops.api(`/api/runs/${runId}/log?from=1&limit=2000`)).json()) as {
      lines: Array<{ seq: number; stream: string }>;
    };
    const stderrSeq = start.lines.find((l) => l.stream === 'stderr')?.seq ?? 0;
    expect(stderrSeq).toBeGreaterThan(0);
    await page.getByLabel('Go to line').fill(String(stderrSeq));
    await page.getByLabel('Go to line').press('Enter');
    const stderrRow = view.locator(`[data-seq="${stderrSeq}"]`);
    await stderrRow.waitFor({ timeout: 15_000 });
    expect(await stderrRow.getAttribute('data-stream')).toBe('stderr');
    expect(await stderrRow.getByRole('img', { name: 'stderr' }).count()).toBe(1);
    const stderrRows = view.locator('[data-stream="stderr"]');
    expect(await view.getByRole('img', { name: 'stderr' }).count()).toBe(await stderrRows.count());
    await screenshot(page, 'run-big-stderr-light');

    const firstError = ((await (await ops.api(`/api/runs/${runId}/log/first-error`)).json()) as FirstError).match;
    expect(firstError?.text).toBe('src/big.ts:12:5: error TS2322: not assignable');
    await page.getByTestId('first-error').click();
    await view.locator(`[data-seq="${firstError?.seq}"]`).waitFor({ timeout: 15_000 });
    expect(await isOnScreen(page, `[data-seq="${firstError?.seq}"]`)).toBe(true);
    expect(await page.getByTestId('first-error-status').textContent()).toMatch(/^Line [\d,]+ \(/);

    await page.getByLabel('Search the log').fill('big line 199999 ');
    await until(async () => (await page.getByTestId('search-status').textContent()) === '1 of 1', 15_000, 'one match');
    await view.locator('.log-line--current', { hasText: 'big line 199999 of the log' }).waitFor({ timeout: 15_000 });

    expect(linesFetched()).toBeLessThanOrEqual(20_000);
    expect(streams).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});

/** The element is inside the log view's visible box (not only in the DOM as overscan). */
async function isOnScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((rowSelector) => {
    const view = document.querySelector('[data-testid="log-view"]');
    const row = view?.querySelector(rowSelector);
    if (!view || !row) return false;
    const box = view.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  }, selector);
}

interface RenderedLog {
  lines: Array<{ seq: number; text: string }>;
  /** Seqs that appeared on more than one row at the same time. */
  duplicateRows: number[];
}

/** Scrolls the virtualized log top to bottom, recording each rendered row's data-seq and text. */
async function collectRenderedLog(page: Page): Promise<RenderedLog> {
  const view = page.getByTestId('log-view');
  await view.evaluate((el) => (el.scrollTop = 0));
  const bySeq = new Map<number, string>();
  const duplicateRows: number[] = [];
  for (let guard = 0; guard < 10_000; guard += 1) {
    // Rows whose page is still loading are placeholders without data-seq: wait for their page.
    await page.waitForFunction(() => !document.querySelector('[data-testid="log-view"] [data-pending]'), undefined, {
      timeout: 15_000,
    });
    const snapshot = await view.evaluate((el) => {
      const rows = Array.from(el.querySelectorAll<HTMLElement>('[data-seq]')).map((row) => ({
        seq: Number(row.dataset.seq),
        text: row.querySelector('.log-line__text')?.textContent ?? '',
      }));
      return { rows, atEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 1 };
    });
    const seen = new Set<number>();
    for (const row of snapshot.rows) {
      if (seen.has(row.seq)) duplicateRows.push(row.seq);
      seen.add(row.seq);
      bySeq.set(row.seq, row.text);
    }
    if (snapshot.atEnd) break;
    await view.evaluate((el) => (el.scrollTop += el.clientHeight - 36));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  const lines = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).map(([seq, text]) => ({ seq, text }));
  return { lines, duplicateRows };
}
