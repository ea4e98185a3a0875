/**
 * `attune-ops costs --by key`: cost per API key for the one-shot CLI — the same
 * KeySpendService as the server (the analytics probe remembered in the same file), built
 * from the CLI's cost pieces, and its text form: the method in words, one line per key
 * (name, id, status), the "Not attributable to a key" row with its reasons, the total.
 */
import type { KeySpendResponse } from '../contract/costs-keys.js';
import { appVersion } from '../core/version.js';
import { KeySpendService } from '../costs/key-spend-service.js';
import type { CostCliServices } from './cost-services.js';

export async function cliKeySpend(
  services: CostCliServices,
  env: Record<string, string | undefined>,
  options: { refresh: boolean; timeoutMs?: number },
): Promise<KeySpendResponse> {
  const keySpend = new KeySpendService({
    attuneHome: services.costs.attuneHome, // the same home as the server's
    env,
    clock: services.clock,
    logger: services.logger,
    version: appVersion(),
    adminKey: services.costs.adminKey,
    apiKeyName: (id) => services.costs.apiKeyName(id),
    ttlMs: services.costs.ttlMs,
    timeoutMs: options.timeoutMs,
  });
  return keySpend.keySpend({ refresh: options.refresh });
}

const usd = (value: number) => `$${value.toFixed(2)}`;

export function renderKeySpend(answer: KeySpendResponse): string[] {
  if (answer.rows.length === 0) return [`  By key: ${answer.emptyReason ?? 'no figures.'}`];
  const lines = [
    `  By key (${answer.from} to ${answer.to}, ${answer.method?.label.toLowerCase() ?? 'unknown method'}):`,
  ];
  for (const row of answer.rows) {
    if (row.kind === 'key') {
      const name = row.name ? `${row.name} (${row.apiKeyId})` : row.apiKeyId;
      const mark = row.status && row.status !== 'active' ? ` [${row.status}]` : '';
      lines.push(`    ${`${name}${mark}`.padEnd(44)} ${usd(row.usd).padStart(10)}  ${row.sharePct.toFixed(1)}%`);
    } else {
      lines.push(`    ${row.label.padEnd(44)} ${usd(row.usd).padStart(10)}  ${row.sharePct.toFixed(1)}%`);
      for (const part of row.parts) lines.push(`      ${part.reason}: ${usd(part.usd)}`);
    }
  }
  lines.push(`    ${'Total'.padEnd(44)} ${usd(answer.totalUsd).padStart(10)}`);
  if (answer.method) lines.push(`  Method: ${answer.method.detail}`);
  if (answer.method?.fallbackReason) lines.push(`  ${answer.method.fallbackReason}`);
  return lines;
}
