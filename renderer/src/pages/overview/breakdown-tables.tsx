/**
 * The breakdowns over the summary's span (7, 30 or 90 days): by model, by cost type and by workspace, largest first, each
 * with its share of the total. Null model / workspace get names a person understands;
 * workspaces show their names from the workspaces list (id on hover, archived marked).
 * Long names (40-character workspace ids) are truncated with the full name on hover, so
 * Spend and Share stay visible at 1280 px.
 */
import type { CostSummary } from '../../api/costs';
import { Card, DataTable, EmptyState, Money, formatPercent } from '../../components';
import './breakdown-tables.css';

interface Row {
  name: string;
  usd: number;
  /** Shown on hover (the id behind a name); the name itself when absent. */
  hover?: string;
  /** A note after the name ("archived"). */
  mark?: string;
}

/** A workspace by its name when the workspaces list gave one (id on hover), else by its id. */
export function workspaceRow(entry: CostSummary['byWorkspace'][number]): Row {
  const id = entry.workspaceId;
  const name = entry.name ?? id ?? 'Default workspace';
  return {
    name,
    usd: entry.usd,
    hover: id === null ? 'The default workspace (no id)' : entry.name ? `${entry.name} (${id})` : id,
    ...(entry.archived && { mark: 'archived' }),
  };
}

function BreakdownCard({
  title,
  rows,
  nameHeader,
  testId,
  span,
}: {
  span: number;
  title: string;
  rows: Row[];
  nameHeader: string;
  testId: string;
}) {
  const sorted = [...rows].sort((a, b) => b.usd - a.usd);
  const total = sorted.reduce((sum, r) => sum + r.usd, 0);
  return (
    <Card title={title} subtitle={`Last ${span} days`} level={3} testId={testId} className="breakdown">
      <DataTable<Row>
        caption={`${title}, last ${span} days`}
        rows={sorted}
        rowKey={(r) => r.hover ?? r.name}
        columns={[
          {
            key: 'name',
            header: nameHeader,
            cell: (r) => (
              <span className="breakdown__name" title={r.hover ?? r.name}>
                {r.name}
                {r.mark && <span className="muted small"> ({r.mark})</span>}
              </span>
            ),
          },
          { key: 'usd', header: 'Spend', numeric: true, cell: (r) => <Money usd={r.usd} /> },
          {
            key: 'share',
            header: 'Share',
            numeric: true,
            cell: (r) => (total > 0 ? formatPercent((r.usd / total) * 100) : '—'),
          },
        ]}
        empty={
          <EmptyState title={`No spend in the last ${span} days`}>
            Figures appear here once the cost report has any.
          </EmptyState>
        }
      />
    </Card>
  );
}

export function BreakdownTables({ summary }: { summary: CostSummary }) {
  return (
    <div className="grid-3">
      <BreakdownCard
        title="By model"
        nameHeader="Model"
        testId="by-model"
        span={summary.span}
        rows={summary.byModel.map((r) => ({ name: r.model ?? 'No model (tools, search…)', usd: r.usd }))}
      />
      <BreakdownCard
        title="By cost type"
        nameHeader="Cost type"
        testId="by-cost-type"
        span={summary.span}
        rows={summary.byCostType.map((r) => ({ name: r.costType.replace(/_/g, ' '), usd: r.usd }))}
      />
      <BreakdownCard
        title="By workspace"
        nameHeader="Workspace"
        testId="by-workspace"
        span={summary.span}
        rows={summary.byWorkspace.map(workspaceRow)}
      />
    </div>
  );
}
