/** A column heading: its text, right-aligned when the column holds numbers, with a tooltip when it needs one. */
export type Column = string | { label: string; numeric?: boolean; title?: string };

/** A right-aligned heading, for a column of numbers. */
export function numeric(label: string): Column {
  return { label, numeric: true };
}

/** The <thead> of a table whose headings are plain text. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => {
          const { label, numeric = false, title } = typeof column === 'string' ? { label: column } : column;
          return (
            <th key={i} className={numeric ? 'num' : undefined} title={title}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
