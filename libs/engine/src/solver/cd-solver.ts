/** What one coordinate-descent solve at a λ reports back to the path driver. */
export interface CdOutcome {
  /** Coordinate passes used (full passes over the eligible set and passes over the active set). */
  readonly passes: number;
  readonly converged: boolean;
  /** Why the solve stopped early when it did not converge. */
  readonly reason?: string;
}

/**
 * A coordinate-descent solver holding its state between λ values (warm starts). All quantities are on the
 * standardized scale of a TrainingSet.
 */
export interface CdSolver {
  /** Standardized coefficients β̃ (length p). */
  readonly beta: Float64Array;
  /**
   * g_j = −∂(data term)/∂β̃_j = ⟨z_j, y − μ⟩ / n at the current solution. Exact after `solve` for every variable
   * outside the eligible set (the KKT check computes them) — which is all the sequential strong rule needs.
   */
  readonly gradient: Float64Array;
  /** Intercept on the standardized scale. */
  intercept(): number;
  /** Data term of the objective at the current solution (mean loss over the training rows). */
  dataLoss(): number;
  /**
   * Minimises the objective at `lambda` over the variables flagged in `eligible` (warm start: the current state),
   * then checks the KKT condition |g_j| ≤ λr of every other variable; violators are flagged eligible and the solve
   * resumes until none is left.
   */
  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome;
}

export function notConvergedReason(maxPasses: number): string {
  return `coordinate descent did not converge within ${maxPasses} passes`;
}
