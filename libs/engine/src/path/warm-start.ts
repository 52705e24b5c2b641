import { logspace } from './lambda-grid';

/** Warm-start path density for a single fit: about glmnet's default grid spacing (100 values over 4 decades). */
const WARM_POINTS_PER_DECADE = 25;

/**
 * The λ values a single fit at `lambda` runs through (glmnet's advice: a path is faster and more robust than a cold
 * start at small λ): for 0 < λ < λ_max (`largest`), a log-spaced path of max(2, ⌈25·log10(λ_max/λ)⌉ + 1) values
 * from λ_max down to exactly λ; λ alone otherwise.
 */
export function warmStartLambdas(largest: number, lambda: number): Float64Array {
  if (!(lambda > 0 && lambda < largest)) return Float64Array.of(lambda);
  const count = Math.max(2, Math.ceil(WARM_POINTS_PER_DECADE * Math.log10(largest / lambda)) + 1);
  const lambdas = logspace(largest, lambda, count);
  lambdas[count - 1] = lambda;
  return lambdas;
}

/** The fit at the path's last λ, its `iterations` counting the passes of the whole warm-start path. */
export function lastOfWarmPath<Fit extends { readonly iterations: number }>(fits: readonly Fit[]): Fit {
  const last = fits[fits.length - 1];
  return { ...last, iterations: fits.reduce((sum, fit) => sum + fit.iterations, 0) };
}
