/**
 * `attune-ops costs [--json] [--refresh] [--by model|workspace|key] [--org <slot|name|all>]`:
 * for one organization (the first by default) or all of them summed, prints the spend summary
 * with its source and age, the budget, the month-end forecast, the daily alarm and its top
 * contributors, one breakdown (workspaces and API keys by name; `key` adds `byKey` to the
 * JSON), the tokens with the cache hit rate and Claude Code per actor (the five most
 * active; all in the JSON's `claudeCode`; per organization), or the categorized error; the JSON
 * lists the organizations. Exits 1 whenever the
 * latest refresh failed (even if last good figures are shown), 2 on a usage error.
 */
import type { CostsResponse, CostSummary } from '../../costs/cost-types.js';
import type { UsageSummary } from '../../costs/usage-store.js';
import { costsFor, usageFor } from '../../costs/org-answers.js';
import { listOrgs } from '../../costs/org-list.js';
import { renderClaudeCode } from '../claude-code-cli.js';
import { costCliServices, type CostCliDeps } from '../cost-services.js';
import { renderKeySpend } from '../key-spend-cli.js';
import type { CliIo } from '../io.js';
import { resolveOrgOption } from '../org-option.js';

export const COSTS_USAGE = `Usage: attune-ops costs [--json] [--refresh] [--by model|workspace|key] [--org <slot|name|all>]

  --json              print {summary, error, alarm, budget, forecast, explanation, usage, claudeCode, claudeCodeError, organizations} as JSON
  --org <slot|name>   one organization (the first by default; names and slots as GET /api/orgs lists them)
  --org all           every organization summed (Claude Code and --by key are per organization)
  --refresh           ask the Admin API now instead of using cached figures
  --by model|workspace  the 30-day breakdown to list (model by default; workspaces by name)
  --by key            cost per API key over 30 days (exact or estimated); --json adds it as byKey
`;

const BREAKDOWNS = ['model', 'workspace', 'key'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

export async function costsCommand(argv: string[], io: CliIo, deps: CostCliDeps = {}): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(COSTS_USAGE);
    return 0;
  }
  const byAt = argv.indexOf('--by');
  const by = byAt === -1 ? 'model' : argv[byAt + 1];
  const orgAt = argv.indexOf('--org');
  const orgGiven = orgAt === -1 ? undefined : argv[orgAt + 1];
  const usageError = (message: string) => (io.stderr.write(`attune-ops costs: ${message}\n${COSTS_USAGE}`), 2);
  if (!BREAKDOWNS.includes(by as Breakdown))
    return usageError(`--by takes model, workspace or key, not ${by ?? 'nothing'}`);
  if (orgAt !== -1 && (orgGiven === undefined || orgGiven.startsWith('--')))
    return usageError('--org takes a slot, a name or all');
  const valued = new Set([byAt, orgAt].filter((at) => at !== -1).flatMap((at) => [at, at + 1]));
  const unknown = argv.filter((arg, i) => arg !== '--json' && arg !== '--refresh' && !valued.has(i));
  if (unknown.length > 0) return usageError(`unknown option ${unknown[0]}`);
  if (by === 'key' && orgGiven === 'all') return usageError('--by key is per organization: name one with --org');
  const services = await costCliServices(io, deps);
  const choice = resolveOrgOption(services.orgs, orgGiven);
  if (choice.kind === 'unknown') return usageError(choice.message);
  const { org } = choice;
  const refresh = argv.includes('--refresh');
  const answer = await costsFor(services.orgs, org, { refresh, awaitRefresh: true });
  const one = org === 'all' ? null : services.orgs.one(org, 'This');
  const byKey = by === 'key' && one ? await one.keySpend.keySpend({ refresh }) : null;
  // The same refresh served all: the usage is answered from what it held, Claude Code once its days came.
  const { usage } = await usageFor(services.orgs, org, {});
  const claudeCode = one ? await one.costs.claudeCode({ awaitRefresh: true }) : null;
  const { organizations } = await listOrgs(services.orgs);
  const json = {
    ...answer,
    usage,
    claudeCode: claudeCode?.claudeCode ?? null,
    claudeCodeError: claudeCode?.error ?? null,
    organizations,
    ...(byKey ? { byKey } : {}),
  };
  if (argv.includes('--json')) io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else
    io.stdout.write(
      orgLine(organizations, org) +
        render(answer, services.clock.now(), by as Breakdown) +
        renderUsage(usage) +
        (claudeCode
          ? renderClaudeCode(claudeCode)
          : '  Claude Code      per organization: see one with --org <slot>\n') +
        (byKey ? `${renderKeySpend(byKey).join('\n')}\n` : ''),
    );
  if (answer.error && !argv.includes('--json'))
    io.stderr.write(`Error (${answer.error.kind}): ${answer.error.message}\n`);
  const keyError = byKey?.error ?? null;
  if (keyError && !answer.error && !argv.includes('--json'))
    io.stderr.write(`Error (${keyError.kind}): ${keyError.message}\n`);
  return answer.error || keyError ? 1 : 0;
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/** Which organization the figures are of, when there is more than one (or one was named). */
function orgLine(
  organizations: ReadonlyArray<{ slot: string; label: string; counted: boolean }>,
  org: string | undefined,
): string {
  if (org === 'all') {
    const counted = organizations.filter((one) => one.counted);
    return `All organizations (${counted.length}): ${counted.map((one) => one.label).join(', ')}\n`;
  }
  const shown = organizations.find((one) => one.slot === (org ?? 'default'));
  return organizations.length > 1 || org !== undefined ? `Organization: ${shown?.label} (${shown?.slot})\n` : '';
}

function render(
  { summary, budget, alarm, forecast, explanation }: CostsResponse,
  nowMs: number,
  by: Breakdown,
): string {
  if (!summary) return 'No spend figures available.\n';
  const ageMin = Math.max(0, Math.round((nowMs - Date.parse(summary.fetchedAt)) / 60_000));
  const lines = [
    `Anthropic API spend (${summary.source}${summary.stale ? ', stale' : ''}; fetched ${summary.fetchedAt}, ${ageMin} min ago)`,
    `  Today            ${usd(summary.todayUsd)}`,
    `  Last 7 days      ${usd(summary.sevenDayUsd)}`,
    `  Month to date    ${usd(summary.monthToDateUsd)}`,
    `  Last 30 days     ${usd(summary.thirtyDayUsd)}`,
    `  Budget           ${budget.detail}`,
  ];
  if (forecast?.kind === 'projected')
    lines.push(
      `  Projected month  ${usd(forecast.projectedUsd)} (range ${usd(forecast.lowUsd)}–${usd(forecast.highUsd)}); ${forecast.budget.detail}`,
      `                   ${forecast.detail}`,
    );
  else lines.push(`  Projected month  ${usd(summary.projectedMonthUsd)}${forecast ? ` (${forecast.detail})` : ''}`);
  if (alarm) lines.push(`  Daily alarm      ${alarm.kind}: ${alarm.detail}`);
  if (explanation?.kind === 'contributors') lines.push(...explanation.contributors.map((c) => `    ${c.sentence}`));
  else if (explanation) lines.push(`    ${explanation.detail}`);
  for (const other of summary.otherCurrencies)
    lines.push(`  Also billed      ${other.amount.toFixed(2)} ${other.currency} (30 days, not included in USD)`);
  const rows =
    by === 'key'
      ? []
      : by === 'model'
        ? summary.byModel.slice(0, 5).map((m) => ({ label: m.model ?? '(no model)', usd: m.usd }))
        : summary.byWorkspace.map((w) => ({ label: workspaceLabel(w), usd: w.usd }));
  if (rows.length > 0)
    lines.push(`  By ${by} (30 days):`, ...rows.map((r) => `    ${r.label.padEnd(28)} ${usd(r.usd)}`));
  return `${lines.join('\n')}\n`;
}

/** Tokens and the cache hit rate over 30 days, or why there are none. */
function renderUsage(usage: UsageSummary | null): string {
  if (!usage) return '  Tokens           no usage figures yet\n';
  const t = usage.totals;
  const count = (n: number) => n.toLocaleString('en-US');
  const rate = t.hitRate === null ? 'no input tokens' : `${(t.hitRate * 100).toFixed(1)}%`;
  return [
    `  Cache hit rate   ${rate} (30 days${usage.stale ? ', stale' : ''})`,
    `  Tokens (30 days) input ${count(t.uncachedInputTokens)}, cache read ${count(t.cacheReadInputTokens)}, cache write 5m ${count(t.cacheCreation5mInputTokens)} / 1h ${count(t.cacheCreation1hInputTokens)}, output ${count(t.outputTokens)}; web searches ${count(t.webSearchRequests)}`,
    '',
  ].join('\n');
}

/** A workspace by name with its id (the default workspace has none), archived marked. */
function workspaceLabel(entry: CostSummary['byWorkspace'][number]): string {
  const name = entry.name ?? entry.workspaceId ?? 'Default workspace';
  const id = entry.workspaceId && entry.name ? ` (${entry.workspaceId})` : '';
  return `${name}${id}${entry.archived ? ' [archived]' : ''}`;
}
