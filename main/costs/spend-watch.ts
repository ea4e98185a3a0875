/**
 * What the cost service judges about the figures it holds: the monthly budget (state and
 * the 80%/100% crossings, each reported once per month and persisted) and the daily
 * anomaly alarm (computed once per held data set). Only this month's figures count
 * towards the budget; listeners hear each new crossing once. Each organization has its own
 * budget (`budgetUsd`) and its own record of crossings (`crossingsKey`).
 */
import type { CostForecast } from '../contract/costs-forecast.js';
import type { Logger } from '../logging/logger.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { spendAlarm } from './alarm.js';
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';
import type { Settings } from '../settings/schema.js';
import { BudgetCrossings, budgetPercent, CROSSINGS_KEY, describeBudget } from './budget.js';
import type { BudgetCrossing, CostAlarm, CostBudget, CostSummary } from './cost-types.js';

export class SpendWatch {
  private readonly crossings: BudgetCrossings;
  private readonly listeners = new Set<(crossing: BudgetCrossing) => void>();
  private memo: { for: object | null; alarm: CostAlarm | null } = { for: null, alarm: null };

  constructor(
    private readonly options: {
      settings: SettingsStore;
      logger: Logger;
      now: () => number;
      /** This organization's monthly budget now (null: none set). */
      budgetUsd: () => number | null;
      crossingsKey?: string;
    },
  ) {
    this.crossings = new BudgetCrossings(options.settings, options.crossingsKey);
  }

  budgetUsd(): number | null {
    return this.options.budgetUsd();
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
    const budgetUsd = this.options.budgetUsd();
    return describeBudget(budgetUsd, thisMonth, this.crossings.forMonth(month), projectedUsd);
  }

  /** Records this month's new crossings and tells the listeners. */
  async check(summary: CostSummary | null): Promise<void> {
    const budgetUsd = this.options.budgetUsd();
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

/** One organization's budget: the first key's is `monthlyBudgetUsd`, each added key's its entry in `orgBudgetsUsd`. */
export function slotBudgetUsd(settings: Settings, slot: AdminKeySlot): number | null {
  return slot === DEFAULT_SLOT ? settings.monthlyBudgetUsd : (settings.orgBudgetsUsd[slot] ?? null);
}

/** Where one organization's crossings are remembered (the first key's where they always were). */
export function slotCrossingsKey(slot: AdminKeySlot): string {
  return slot === DEFAULT_SLOT ? CROSSINGS_KEY : `${CROSSINGS_KEY}:${slot}`;
}
