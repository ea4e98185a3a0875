/**
 * The cost-per-key table: sortable by key name or by spend (a header button; `aria-sort`
 * on the sorted column), keys by name with the id on hover and a mark for archived,
 * inactive or expired keys; the "Not attributable to a key" row always last, its reasons
 * on hover and below it. Ties sort by key id, so the order never jumps between loads.
 */
import { useState } from 'react';
import type { KeySpendRow } from '../../api/costs-keys';
import { Money, formatPercent } from '../../components';

export type KeySort = { by: 'name' | 'spend'; descending: boolean };
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

function SortHeader(props: {
  column: KeySort['by'];
  sort: KeySort;
  onSort: (s: KeySort) => void;
  children: string;
  numeric?: boolean;
}) {
  const { column, sort, onSort, children, numeric } = props;
  const active = sort.by === column;
  const next = () => onSort({ by: column, descending: active ? !sort.descending : column === 'spend' });
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="key-spend__sort" onClick={next}>
        {children}
        <span aria-hidden="true">{active ? (sort.descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </th>
  );
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
            <SortHeader column="spend" sort={sort} onSort={setSort} numeric>
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
                <td className="num">
                  <Money usd={row.usd} />
                </td>
                <td className="num">{formatPercent(row.sharePct)}</td>
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
                <td className="num">
                  <Money usd={row.usd} />
                </td>
                <td className="num">{formatPercent(row.sharePct)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
