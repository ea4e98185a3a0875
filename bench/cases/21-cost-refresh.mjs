/**
 * Costs, upstream requests: what one organization's refreshes ask of the Admin API, counted
 * by a local stand-in (organization, cost and usage reports with 31-bucket pages, names
 * lists, the Claude Code report one day a request). The cold start (no cache) fetches 90
 * days (30 Claude Code days); after a restart, a routine refresh asks each report for
 * yesterday and today only; a day later likewise, plus the daily names.
 * In process against the built dist/, with a settable clock (no timers are started).
 */
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'costs: upstream requests per refresh';

const KEY = 'sk-ant-admin01-bench-0123456789abcdefghijklmnopqrstuvwxyz';
const DAY_MS = 86_400_000;

async function standIn() {
  const seen = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    seen.push({ path: url.pathname, query: url.searchParams });
    const json = (body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/v1/organizations/me') return json({ id: 'org_bench', name: 'Bench', type: 'organization' });
    if (url.pathname.endsWith('/workspaces') || url.pathname.endsWith('/api_keys'))
      return json({ data: [], has_more: false, first_id: null, last_id: null });
    if (url.pathname.endsWith('/usage_report/claude_code')) return json({ data: [], has_more: false, next_page: null });
    const usage = url.pathname.endsWith('/usage_report/messages');
    const first = Date.parse(url.searchParams.get('starting_at'));
    const end = Date.parse(url.searchParams.get('ending_at'));
    const offset = Number((url.searchParams.get('page') ?? 'p_0').split('_')[1]);
    const days = [];
    for (let t = first + offset * DAY_MS; t < end && days.length < 31; t += DAY_MS) days.push(t);
    const more = first + (offset + days.length) * DAY_MS < end;
    const bucket = (t) => ({
      starting_at: new Date(t).toISOString(),
      ending_at: new Date(t + DAY_MS).toISOString(),
      results: [
        usage
          ? {
              uncached_input_tokens: 10,
              cache_read_input_tokens: 5,
              cache_creation: null,
              output_tokens: 3,
              model: 'claude-x',
            }
          : { amount: '123.456', currency: 'USD', cost_type: 'tokens', model: 'claude-x', workspace_id: null },
      ],
    });
    json({ data: days.map(bucket), has_more: more, next_page: more ? `p_${offset + days.length}` : null });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

export default async function run(h) {
  const { createServices } = await import(join(h.dist, 'main/services.js'));
  const { buildConfig } = await import(join(h.dist, 'main/config/config.js'));
  const { createMemorySecretStore } = await import(join(h.dist, 'main/secrets/secret-store.js'));
  const { createLogger, memoryDestination } = await import(join(h.dist, 'main/logging/logger.js'));
  const { SecretRedactor } = await import(join(h.dist, 'main/logging/redact.js'));
  const upstream = await standIn();
  const home = h.tmpDir('attune-bench-refresh-');
  mkdirSync(join(home, 'ops'), { recursive: true });
  let now = Date.parse('2026-11-20T15:00:00Z');
  const clock = { now: () => now, setTimeout, clearTimeout, setInterval, clearInterval };
  const start = () => {
    const redactor = new SecretRedactor();
    return createServices(buildConfig({ attuneHome: home, projectRoot: home, env: {}, port: 0 }), {
      env: { ATTUNE_ANTHROPIC_BASE_URL: upstream.url, ANTHROPIC_ADMIN_API_KEY: KEY },
      clock,
      secretStore: createMemorySecretStore(),
      logger: createLogger({ redactor, destinations: [memoryDestination()], level: 'warn' }),
      redactor,
    });
  };
  /** The requests of one refresh of `services`, its Claude Code days included (they land after it: idle()). */
  const count = async (services) => {
    const before = upstream.seen.length;
    const error = await services.costs.refresh();
    if (error) throw new Error(`refresh failed: ${error.message}`);
    await services.orgs.idle();
    const asked = upstream.seen.slice(before);
    const daysOf = (r) =>
      r ? (Date.parse(r.query.get('ending_at')) - Date.parse(r.query.get('starting_at'))) / DAY_MS : 0;
    const report = asked.filter((r) => r.path.endsWith('/cost_report'));
    const usage = asked.filter((r) => r.path.endsWith('/usage_report/messages'));
    const claudeCode = asked.filter((r) => r.path.endsWith('/usage_report/claude_code')).length;
    const other = asked.length - report.length - usage.length - claudeCode;
    return {
      total: asked.length,
      report: report.length,
      usage: usage.length,
      claudeCode,
      other,
      days: daysOf(report[0]),
      usageDays: daysOf(usage[0]),
    };
  };
  const results = [];
  try {
    const first = await start();
    const cold = await count(first);
    first.orgs.stop(); // the restart below is a new process: nothing of the first one still runs
    results.push({
      metric: `cold start, empty cache: requests (${cold.report} cost + ${cold.usage} usage report pages for ${cold.days} days + ${cold.claudeCode} Claude Code days + ${cold.other} organization/names)`,
      value: cold.total,
      unit: 'requests',
    });
    now += 20 * 60_000;
    const restarted = await start();
    const routine = await count(restarted);
    results.push({
      metric: `after a restart, routine refresh: requests (cost and usage reports for ${routine.days} and ${routine.usageDays} days; ${routine.claudeCode} Claude Code days; ${routine.other} other)`,
      value: routine.total,
      unit: 'requests',
      goal: '4: one per report, yesterday and today only (Claude Code: one per day); names at most daily',
      pass:
        routine.total === 4 &&
        routine.claudeCode === 2 &&
        routine.report === 1 &&
        routine.usage === 1 &&
        routine.days === 2 &&
        routine.usageDays === 2,
    });
    now += DAY_MS;
    const nextDay = await count(restarted);
    results.push({
      metric: `a day later, routine refresh: requests (cost and usage reports for ${nextDay.days} days + ${nextDay.other} daily organization/names)`,
      value: nextDay.total,
      unit: 'requests',
      goal: 'the two reports for 2 days, 2 Claude Code days + the daily names',
      pass:
        nextDay.report === 1 &&
        nextDay.usage === 1 &&
        nextDay.days === 2 &&
        nextDay.claudeCode === 2 &&
        nextDay.other <= 3,
    });
    restarted.orgs.stop();
  } finally {
    await upstream.close();
  }
  return results;
}
