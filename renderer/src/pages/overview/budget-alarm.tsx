/**
 * The monthly budget gauge and today's spend-anomaly alarm, each with the server's
 * detail sentence; while the alarm fires, the top contributors to today's rise in words.
 * Without a budget the gauge says how to set one (Settings).
 */
import type { AnomalyExplanation, CostAlarm, CostBudget } from '../../api/costs';
import { Card, Chip, Link, Money, formatPercent, type ChipTone } from '../../components';

const BUDGET_TONE: Record<CostBudget['state'], ChipTone> = {
  unset: 'neutral',
  ok: 'ok',
  warning: 'warn',
  exceeded: 'error',
};
const BUDGET_LABEL: Record<CostBudget['state'], string> = {
  unset: 'No budget',
  ok: 'Within budget',
  warning: 'Near budget',
  exceeded: 'Over budget',
};

export function BudgetGauge({ budget }: { budget: CostBudget }) {
  const pct = budget.pct ?? 0;
  const projected = budget.projectedPct ?? null;
  return (
    <Card
      title="Monthly budget"
      level={3}
      testId="budget"
      actions={<Chip tone={BUDGET_TONE[budget.state]}>{BUDGET_LABEL[budget.state]}</Chip>}
    >
      {budget.state === 'unset' || budget.monthlyBudgetUsd === null ? (
        <p className="muted">
          {budget.detail} <Link to="/settings">Open Settings</Link>
        </p>
      ) : (
        <>
          <div
            className={`gauge gauge--${budget.state}`}
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.min(100, pct)}
            aria-valuetext={`${formatPercent(pct)} of the monthly budget`}
            aria-label="Month to date against the monthly budget"
          >
            <span className="gauge__fill" style={{ width: `${Math.min(100, pct)}%` }} />
            {projected !== null && (
              <span
                className="gauge__projection"
                style={{ left: `${Math.min(100, projected)}%` }}
                title={`Projected ${formatPercent(projected)}`}
              />
            )}
          </div>
          <p className="num">
            <Money usd={budget.monthToDateUsd} /> of <Money usd={budget.monthlyBudgetUsd} /> ({formatPercent(pct)})
            {budget.projectedMonthUsd !== null && (
              <span className="muted">
                {' '}
                · projected <Money usd={budget.projectedMonthUsd} />
              </span>
            )}
          </p>
          <p className="small">{budget.detail}</p>
        </>
      )}
    </Card>
  );
}

export function AnomalyAlarm({
  alarm,
  explanation = null,
}: {
  alarm: CostAlarm | null;
  explanation?: AnomalyExplanation | null;
}) {
  const tone: ChipTone = !alarm ? 'neutral' : alarm.kind === 'alarm' ? 'error' : alarm.kind === 'ok' ? 'ok' : 'neutral';
  const label = !alarm
    ? 'No data'
    : alarm.kind === 'alarm'
      ? 'Unusual spend today'
      : alarm.kind === 'ok'
        ? 'Normal'
        : 'Not enough history';
  return (
    <Card title="Spend anomaly" level={3} testId="alarm" actions={<Chip tone={tone}>{label}</Chip>}>
      <p className="small">
        {alarm ? alarm.detail : 'The alarm compares today with earlier days once spend figures are available.'}
      </p>
      {alarm && alarm.kind !== 'insufficient_data' && (
        <p className="muted small num">
          Today <Money usd={alarm.todayUsd} /> · usual <Money usd={alarm.meanUsd} /> over {alarm.baselineDays} days
        </p>
      )}
      {explanation && <Contributors explanation={explanation} />}
    </Card>
  );
}

function Contributors({ explanation }: { explanation: AnomalyExplanation }) {
  if (explanation.kind === 'unavailable' || explanation.contributors.length === 0)
    return (
      <p className="small" data-testid="alarm-contributors">
        {explanation.detail}
      </p>
    );
  return (
    <div data-testid="alarm-contributors">
      <p className="small muted">{explanation.detail}</p>
      <ul className="small num">
        {explanation.contributors.map((c) => (
          <li key={`${c.model} ${c.workspaceId}`}>{c.sentence}</li>
        ))}
      </ul>
    </div>
  );
}
