/** A cell: numbers are right-aligned and shown with `digits` decimals (integers without). */
export type Cell = string | number | undefined;

function format(cell: Cell, digits: number): string {
  if (cell === undefined) return '—';
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return String(cell);
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(digits);
}

/** The table as aligned text lines: a title, a header row, a rule, the rows. */
export function renderTable(title: string, headers: string[], rows: Cell[][], digits = 2): string {
  const text = rows.map((row) => row.map((cell) => format(cell, digits)));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) => rows.every((row) => typeof row[column] !== 'string'));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [
    `\n${title}`,
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...text.map(line),
  ].join('\n');
}

/** Prints a table to stdout. */
export function printTable(title: string, headers: string[], rows: Cell[][], digits = 2): void {
  console.log(renderTable(title, headers, rows, digits));
}
