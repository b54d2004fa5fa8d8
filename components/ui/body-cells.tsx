import type { ReactNode } from "react";

/** One body row's cells of a plain (server-drawn or first-rows) table: the column marked rowHeader names the row. */
export interface BodyCell<R> {
  id: string;
  rowHeader?: boolean;
  className?: string;
  cell: (row: R) => ReactNode;
}

export function BodyCells<R>({ row, cells }: { row: R; cells: BodyCell<R>[] }) {
  return (
    <>
      {cells.map((c) =>
        c.rowHeader ? (
          <th key={c.id} scope="row" className={c.className}>
            {c.cell(row)}
          </th>
        ) : (
          <td key={c.id} className={c.className}>
            {c.cell(row)}
          </td>
        ),
      )}
    </>
  );
}
