/**
 * Why the "All organizations" alarm fires: anomaly-explain.ts over every counted
 * organization's rows, each workspace kept to its organization (the Default workspaces of
 * two organizations are two workspaces) and named with it as the summed workspaces are
 * ("Research · Org A"). The contributors carry their workspace's own id again. When one
 * organization holds only a summary (the previous version's cache) the explanation is
 * `unavailable`, as for one organization. Pure.
 */
import type { AnomalyExplanation } from '../contract/costs-forecast.js';
import { explainAnomaly } from './anomaly-explain.js';
import type { CostRow } from './cost-client.js';
import type { CostAlarm, CostSummary } from './cost-types.js';

export interface ExplainPart {
  label: string;
  rows: readonly CostRow[] | null;
  workspaceName: (id: string) => string;
}

interface Origin {
  id: string | null;
  name: string;
  label: string;
}

export function explainAcross(
  parts: readonly ExplainPart[],
  input: { alarm: CostAlarm | null; byDay: CostSummary['byDay']; today: string },
): AnomalyExplanation | null {
  if (input.alarm?.kind !== 'alarm') return null;
  const origins = new Map<string, Origin>();
  const rows: CostRow[] = [];
  let summaryOnly = false;
  parts.forEach((part, index) => {
    if (!part.rows) summaryOnly = true;
    for (const row of part.rows ?? []) {
      const tag = `${index}:${row.workspaceId ?? ''}`;
      if (!origins.has(tag)) {
        const name = row.workspaceId === null ? 'Default workspace' : part.workspaceName(row.workspaceId);
        origins.set(tag, { id: row.workspaceId, name, label: part.label });
      }
      rows.push({ ...row, workspaceId: tag });
    }
  });
  const origin = (tag: string) => origins.get(tag)!;
  const explanation = explainAnomaly({
    ...input,
    rows: () => (summaryOnly ? null : rows),
    workspaceName: (tag) => `${origin(tag).name} · ${origin(tag).label}`,
    place: (tag) => {
      const { id, name, label } = origin(tag);
      return id === null ? `the Default workspace of ${label}` : `workspace ${name} of ${label}`;
    },
  });
  if (explanation?.kind !== 'contributors') return explanation;
  const contributors = explanation.contributors.map((one) => ({ ...one, workspaceId: origin(one.workspaceId!).id }));
  return { ...explanation, contributors };
}
