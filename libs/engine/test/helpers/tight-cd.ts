/**
 * Coordinate descent run far past its defaults (tolerance 1e-16 on the objective change, up to 10⁶ passes), for the
 * tests that compare a fit with its optimality conditions or a reference to many digits.
 */
export const TIGHT_CD = { kind: 'cd', tolerance: 1e-16, maxIterations: 1_000_000 } as const;
