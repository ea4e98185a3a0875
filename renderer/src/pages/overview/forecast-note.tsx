/**
 * The month-end forecast in words under the Projected tile: "Projected $X (range $L–$H)" and
 * when the budget is reached at this pace (or was, or is not this month). Without a
 * projection, the server's sentence saying why.
 */
import type { BudgetReach, CostForecast } from '../../api/costs';
import { formatDay, formatUsd } from '../../components';

export function budgetReachText(reach: BudgetReach): string | null {
  switch (reach.kind) {
    case 'unset':
      return null;
    case 'reached':
      return `Budget reached on ${formatDay(reach.date)}`;
    case 'on_pace':
      return `Budget reached on ${formatDay(reach.date)} at this pace`;
    case 'not_this_month':
      return 'Budget not reached this month at this pace';
  }
}

export function ForecastNote({ forecast }: { forecast: CostForecast }) {
  if (forecast.kind === 'no_history')
    return (
      <span className="tile__note" data-testid="forecast-note">
        {forecast.detail}
      </span>
    );
  const reach = budgetReachText(forecast.budget);
  return (
    <>
      <span className="tile__note num" data-testid="forecast-note" title={forecast.detail}>
        Projected {formatUsd(forecast.projectedUsd)} (range {formatUsd(forecast.lowUsd)}–{formatUsd(forecast.highUsd)})
      </span>
      {reach && (
        <span
          className={`tile__note tile__note--${forecast.budget.kind}`}
          data-testid="forecast-budget"
          title={forecast.budget.detail}
        >
          {reach}
        </span>
      )}
    </>
  );
}
