/**
 * Whether a dataset is large enough for the work done once per sweep to pay off: n·(p+2)² multiply-adds (its cross
 * products) of at least 1e7. Below that a task sums what it needs itself in a few ms, and the engine's optimizing
 * compiles (engine-warm-up.ts) cost more than they save (diabetes: 442·12² ≈ 6e4; 5000×100: 5e7).
 */
export function isLargeData(rows: number, features: number): boolean {
  return rows * (features + 2) ** 2 >= 1e7;
}
