import type { ReactNode } from 'react';

/**
 * A list screen's table: the scrolling wrapper, the column headings and the rows given. Named by
 * `label`, or by the heading `describedBy` points at.
 */
export function DataTable({ columns, label, describedBy, children }: { columns: ReadonlyArray<string | false>; label?: string; describedBy?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table aria-label={label} aria-describedby={describedBy}>
        <thead>
          <tr>
            {columns.filter((c): c is string => c !== false).map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Previous and Next below a paged table, with where the reader is (`position`) between them. */
export function Pager({ label, position, offset, pageSize, total, onOffset }: { label: string; position: ReactNode; offset: number; pageSize: number; total: number; onOffset(offset: number): void }) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span>{position}</span>
      <button type="button" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
