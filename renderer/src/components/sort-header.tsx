/**
 * A sortable table header: a button that looks like header text, `aria-sort` on the cell,
 * an arrow on the active column. Clicking the active column reverses it; another column
 * starts in its own first direction (`descendingFirst`, usually for figures).
 */
import type { ReactNode } from 'react';

export interface TableSort<K extends string> {
  by: K;
  descending: boolean;
}

export function SortHeader<K extends string>(props: {
  column: K;
  sort: TableSort<K>;
  onSort: (sort: TableSort<K>) => void;
  children: ReactNode;
  numeric?: boolean;
  descendingFirst?: boolean;
}) {
  const { column, sort, onSort, children, numeric, descendingFirst } = props;
  const active = sort.by === column;
  const next = () => onSort({ by: column, descending: active ? !sort.descending : (descendingFirst ?? false) });
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="sort-header" onClick={next}>
        {children}
        <span aria-hidden="true">{active ? (sort.descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </th>
  );
}
