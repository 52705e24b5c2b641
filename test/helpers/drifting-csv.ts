/**
 * The "drifting" dataset the compare and rerun tests upload in versions: y = 2a − b + 0.1·noise over `rows` rows of
 * a,b,c,y. The values come from a 31-bit LCG (state ← (1103515245·state + 12345) mod 2³¹) started at `seed`, so one
 * seed always gives the same bytes and two seeds give two versions that differ in every row.
 */
export function driftingCsv(seed: number, rows: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ['a,b,c,y'];
  for (let i = 0; i < rows; i++) {
    const [a, b, c] = [next(), next(), next()];
    lines.push(`${a},${b},${c},${2 * a - b + 0.1 * next()}`);
  }
  return lines.join('\n') + '\n';
}
