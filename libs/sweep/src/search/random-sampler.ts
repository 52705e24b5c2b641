/**
 * Random search (Bergstra & Bengio 2012): `trials` independent points. Each draws its (penalty, l1Ratio)
 * uniformly among the space's curves, then its λ from that curve's domain:
 *   log-uniform range   λ = exp( log(min) + u · (log(max) − log(min)) ),  u ~ U[0, 1)  ⇒ λ ∈ [min, max)
 *   finite values       a uniform choice among them
 * The draws come from one mulberry32 stream seeded by `search.seed` (the engine's PRNG, see its cv/prng.ts),
 * so the same seed gives the same points on every machine.
 */
import { mulberry32, randomIndex, type Rng } from '@regsweep/engine';
import type { LambdaDomain, Sampler, SearchPoint, SearchSpace } from './sampler';

export class RandomSampler implements Sampler {
  readonly name = 'random' as const;

  constructor(
    readonly trials: number,
    readonly seed: number,
  ) {}

  sample(space: SearchSpace): SearchPoint[] {
    if (space.curves.length === 0) return [];
    const rng = mulberry32(this.seed);
    const points: SearchPoint[] = [];
    for (let trial = 0; trial < this.trials; trial++) {
      const { penalty, l1Ratio, lambdas } = space.curves[randomIndex(rng, space.curves.length)];
      points.push({ penalty, l1Ratio, lambda: drawLambda(lambdas, rng) });
    }
    return points;
  }
}

function drawLambda(domain: LambdaDomain, rng: Rng): number {
  if (domain.kind === 'values') return domain.values[randomIndex(rng, domain.values.length)];
  const logMin = Math.log(domain.min);
  return Math.exp(logMin + rng() * (Math.log(domain.max) - logMin));
}
