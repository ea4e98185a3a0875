/**
 * A plain, accessible table for small breakdowns: columns declare their header, how to
 * render a cell, and whether they are numeric (right-aligned, tabular figures). An empty
 * `rows` shows the given empty state instead of a header with no body. Text cells are cut
 * to their column's width with an ellipsis and carry the full value as a hover title, so
 * a table with 40-character ids fits a 1280 px window; numeric cells are never cut.
 */
import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** The full value shown on hover when the cell is cut short; a string or number cell is its own. */
  text?: (row: Row) => string;
}

export interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty?: ReactNode;
  testId?: string;
}

export function DataTable<Row>({ caption, columns, rows, rowKey, empty, testId }: DataTableProps<Row>) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <div className="table-wrap" data-testid={testId}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.numeric ? c.cell(row) : <TruncatedCell content={c.cell(row)} full={c.text?.(row)} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TruncatedCell({ content, full }: { content: ReactNode; full: string | undefined }) {
  const title = full ?? (typeof content === 'string' || typeof content === 'number' ? String(content) : undefined);
  return (
    <span className="cell-truncate" title={title}>
      {content}
    </span>
  );
}
