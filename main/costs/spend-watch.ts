/**
 * What the cost service judges about the figures it holds: the monthly budget (state and
 * the 80%/100% crossings, each reported once per month and persisted) and the daily
 * anomaly alarm (computed once per held data set). Only this month's figures count
 * towards the budget; listeners hear each new crossing once.
 */
import type { CostForecast } from '../contract/costs-forecast.js';
import type { Logger } from '../logging/logger.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { spendAlarm } from './alarm.js';
import { BudgetCrossings, budgetPercent, describeBudget } from './budget.js';
import type { BudgetCrossing, CostAlarm, CostBudget, CostSummary } from './cost-types.js';

export class SpendWatch {
  private readonly crossings: BudgetCrossings;
  private readonly listeners = new Set<(crossing: BudgetCrossing) => void>();
  private memo: { for: object | null; alarm: CostAlarm | null } = { for: null, alarm: null };

  constructor(private readonly options: { settings: SettingsStore; logger: Logger; now: () => number }) {
    this.crossings = new BudgetCrossings(options.settings);
  }

  /** The daily alarm of `held` (its own last day is "today"), computed once per held data set. */
  alarm(held: object | null, summary: CostSummary | null): CostAlarm | null {
    if (this.memo.for !== held || !held) {
      const today = summary?.byDay.at(-1)?.date;
      this.memo = { for: held, alarm: summary && today ? spendAlarm(summary.byDay, today) : null };
    }
    return this.memo.alarm;
  }

  /** Judged against the forecast's month end when there is one (else the summary's average so far). */
  budget(summary: CostSummary | null, forecast: CostForecast | null = null): CostBudget {
    const projectedUsd = forecast?.kind === 'projected' ? forecast.projectedUsd : undefined;
    const month = this.month();
    const thisMonth = summary && summary.byDay.at(-1)?.date.slice(0, 7) === month ? summary : null;
    const budgetUsd = this.options.settings.get().monthlyBudgetUsd;
    return describeBudget(budgetUsd, thisMonth, this.crossings.forMonth(month), projectedUsd);
  }

  /** Records this month's new crossings and tells the listeners. */
  async check(summary: CostSummary | null): Promise<void> {
    const budgetUsd = this.options.settings.get().monthlyBudgetUsd;
    const month = this.month();
    if (budgetUsd === null || !summary || summary.byDay.at(-1)?.date.slice(0, 7) !== month) return;
    const at = new Date(this.options.now()).toISOString();
    const fresh = await this.crossings.record(month, budgetPercent(summary.monthToDateUsd, budgetUsd), at);
    for (const crossing of fresh) {
      this.options.logger.info({ threshold: crossing.threshold, month }, 'monthly budget threshold crossed');
      for (const listener of this.listeners) listener(crossing);
    }
  }

  onCrossing(listener: (crossing: BudgetCrossing) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private month(): string {
    return new Date(this.options.now()).toISOString().slice(0, 7);
  }
}
