/**
 * An amount of US dollars in the user's locale, with tabular figures so columns of money
 * line up. `—` when there is no amount.
 */
import { formatUsd } from './format';

export function Money({ usd, className }: { usd: number | null | undefined; className?: string }) {
  return <span className={['money', className].filter(Boolean).join(' ')}>{formatUsd(usd)}</span>;
}
