/**
 * Costs the Admin API billed in a currency other than USD: shown as such, in their own
 * currency, and never added to the USD figures (the tiles, chart and tables are USD only).
 */
import type { CostSummary } from '../../api/costs';
import { Banner } from '../../components';

export function formatCurrencyAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

export function OtherCurrencies({ entries, span }: { entries: CostSummary['otherCurrencies']; span: number }) {
  return (
    <Banner tone="info" title="Also billed in other currencies" testId="other-currencies">
      <p>
        Last {span} days, not included in the USD figures:{' '}
        {entries.map((e) => formatCurrencyAmount(e.amount, e.currency)).join(', ')}.
      </p>
    </Banner>
  );
}
