/** rows = 0, 1, …, n − 1: the columns can then be read in place, without an index. */
export function isEveryRow(rows: Int32Array, n: number): boolean {
  if (rows.length !== n) return false;
  for (let i = 0; i < n; i++) if (rows[i] !== i) return false;
  return true;
}
