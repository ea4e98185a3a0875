/**
 * `attune-ops costs [--json] [--refresh]`: prints the spend summary with its source and
 * age, the budget and the daily alarm, or the categorized error. Exits 1 whenever the
 * latest refresh failed (even if last good figures are shown), 2 on a usage error.
 */
import type { CostsResponse } from '../../costs/cost-types.js';
import { costCliServices, type CostCliDeps } from '../../costs/cli-services.js';
import type { CliIo } from '../io.js';

export const COSTS_USAGE = `Usage: attune-ops costs [--json] [--refresh]

  --json      print {summary, error, alarm, budget} as JSON
  --refresh   ask the Admin API now instead of using cached figures
`;

export async function costsCommand(argv: string[], io: CliIo, deps: CostCliDeps = {}): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(COSTS_USAGE);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== '--json' && arg !== '--refresh');
  if (unknown.length > 0) {
    io.stderr.write(`attune-ops costs: unknown option ${unknown[0]}\n${COSTS_USAGE}`);
    return 2;
  }
  const services = await costCliServices(io, deps);
  const answer = await services.costs.costs({ refresh: argv.includes('--refresh'), awaitRefresh: true });
  if (argv.includes('--json')) io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  else io.stdout.write(render(answer, services.clock.now()));
  if (answer.error && !argv.includes('--json'))
    io.stderr.write(`Error (${answer.error.kind}): ${answer.error.message}\n`);
  return answer.error ? 1 : 0;
}

const usd = (value: number) => `$${value.toFixed(2)}`;

function render({ summary, budget, alarm }: CostsResponse, nowMs: number): string {
  if (!summary) return 'No spend figures available.\n';
  const ageMin = Math.max(0, Math.round((nowMs - Date.parse(summary.fetchedAt)) / 60_000));
  const lines = [
    `Anthropic API spend (${summary.source}${summary.stale ? ', stale' : ''}; fetched ${summary.fetchedAt}, ${ageMin} min ago)`,
    `  Today            ${usd(summary.todayUsd)}`,
    `  Last 7 days      ${usd(summary.sevenDayUsd)}`,
    `  Month to date    ${usd(summary.monthToDateUsd)}`,
    `  Last 30 days     ${usd(summary.thirtyDayUsd)}`,
    `  Projected month  ${usd(summary.projectedMonthUsd)}`,
    `  Budget           ${budget.detail}`,
  ];
  if (alarm) lines.push(`  Daily alarm      ${alarm.kind}: ${alarm.detail}`);
  for (const other of summary.otherCurrencies)
    lines.push(`  Also billed      ${other.amount.toFixed(2)} ${other.currency} (30 days, not included in USD)`);
  const models = summary.byModel.slice(0, 5).map((m) => `    ${(m.model ?? '(no model)').padEnd(28)} ${usd(m.usd)}`);
  if (models.length > 0) lines.push('  By model (30 days):', ...models);
  return `${lines.join('\n')}\n`;
}
