/** Plain text tables for the terminal (list commands, tokens, the sweep report); no imports, so they load at once. */

/** Left-aligned columns separated by two spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, j) => Math.max(title.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, j) => cell.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
