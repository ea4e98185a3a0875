/**
 * The cost-per-key table: sortable by key name or by spend (a header button; `aria-sort`
 * on the sorted column), keys by name with the id on hover and a mark for archived,
 * inactive or expired keys; the "Not attributable to a key" row always last, its reasons
 * on hover and below it. Ties sort by key id, so the order never jumps between loads.
 */
import { useState } from 'react';
import type { KeySpendRow } from '../../api/costs-keys';
import { Money, SortHeader, formatPercent, type TableSort } from '../../components';

export type KeySort = TableSort<'name' | 'spend'>;
type KeyRow = Extract<KeySpendRow, { kind: 'key' }>;

const label = (row: KeyRow) => row.name ?? row.apiKeyId;

export function sortKeyRows(rows: KeySpendRow[], sort: KeySort): KeySpendRow[] {
  const keys = rows.filter((r): r is KeyRow => r.kind === 'key');
  const rest = rows.filter((r) => r.kind !== 'key');
  const direction = sort.descending ? -1 : 1;
  keys.sort((a, b) => {
    const primary =
      sort.by === 'spend' ? a.cents - b.cents : label(a).localeCompare(label(b), undefined, { sensitivity: 'base' });
    return primary * direction || (a.apiKeyId < b.apiKeyId ? -1 : a.apiKeyId > b.apiKeyId ? 1 : 0);
  });
  return [...keys, ...rest];
}

export function KeySpendTable({ rows, caption }: { rows: KeySpendRow[]; caption: string }) {
  const [sort, setSort] = useState<KeySort>({ by: 'spend', descending: true });
  const sorted = sortKeyRows(rows, sort);
  return (
    <div className="table-wrap" data-testid="key-spend-table">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <SortHeader column="name" sort={sort} onSort={setSort}>
              API key
            </SortHeader>
            <SortHeader column="spend" sort={sort} onSort={setSort} numeric descendingFirst>
              Spend
            </SortHeader>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) =>
            row.kind === 'key' ? (
              <tr key={row.apiKeyId}>
                <td>
                  <span className="breakdown__name" title={row.name ? `${row.name} (${row.apiKeyId})` : row.apiKeyId}>
                    {label(row)}
                    {row.status && row.status !== 'active' && <span className="muted small"> ({row.status})</span>}
                  </span>
                </td>
                <AmountCells usd={row.usd} sharePct={row.sharePct} />
              </tr>
            ) : (
              <tr key="unattributed" className="key-spend__unattributed">
                <td>
                  <span className="breakdown__name" title={row.parts.map((p) => p.reason).join('; ')}>
                    {row.label}
                  </span>
                  {row.parts.length > 0 && (
                    <ul className="key-spend__parts muted small">
                      {row.parts.map((part) => (
                        <li key={part.reason}>
                          {part.reason}: <Money usd={part.usd} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <AmountCells usd={row.usd} sharePct={row.sharePct} />
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A row's spend and its share of the total. */
function AmountCells({ usd, sharePct }: { usd: number; sharePct: number }) {
  return (
    <>
      <td className="num">
        <Money usd={usd} />
      </td>
      <td className="num">{formatPercent(sharePct)}</td>
    </>
  );
}
