/**
 * Optimality of multinomial fits on random multiclass data, and the objective's gradient against finite differences.
 * KKT on the standardized scale, G_jk = ∂(logloss)/∂β̃_jk:
 *   every class:  ∂(logloss)/∂b0_k = 0
 *   ungrouped:    β̃_jk ≠ 0 ⇒ G_jk + λr·sign(β̃_jk) + λ(1−r)β̃_jk = 0;   β̃_jk = 0 ⇒ |G_jk| ≤ λr
 *   grouped:      β̃_j· ≠ 0 ⇒ G_j· + λr·β̃_j·/‖β̃_j·‖ + λ(1−r)β̃_j· = 0;  β̃_j· = 0 ⇒ ‖G_j·‖ ≤ λr
 */
import { prepareTrainingSet } from '../src/data/training-set';
import { multinomialLambdaGrid, multinomialLambdaMax } from '../src/multinomial/multinomial-lambda';
import { multinomialGradient, multinomialObjective } from '../src/multinomial/multinomial-objective';
import { fitMultinomialPath } from '../src/multinomial/multinomial-path';
import type { MultinomialDataset, MultinomialPointFit } from '../src/multinomial/types';
import { effectiveL1Ratio } from '../src/path/penalty';
import type { Penalty } from '../src/types';
import { syntheticMulticlass } from './helpers/multinomial-synthetic';
import { allRows } from './helpers/read-csv';
import { normalSource } from './helpers/synthetic';
import { TIGHT_CD } from './helpers/tight-cd';

const PENALTIES: Penalty[] = [
  { kind: 'l1', l1Ratio: 1 },
  { kind: 'elasticnet', l1Ratio: 0.4 },
  { kind: 'l2', l1Ratio: 0 },
];

/** Standardized intercepts and coefficients of an original-scale fit: β̃_jk = β_jk·s_j, b̃0_k = b0_k + Σ_j β_jk m_j. */
function standardized(data: MultinomialDataset, fit: MultinomialPointFit, standardize: boolean) {
  const set = prepareTrainingSet(data, allRows(data), standardize);
  const classes = data.classes.length;
  const beta = new Float64Array(classes * set.p);
  const intercepts = Float64Array.from(fit.intercepts);
  for (let k = 0; k < classes; k++) {
    for (let j = 0; j < set.p; j++) {
      const value = fit.coefficients[k * set.p + j];
      beta[k * set.p + j] = value * set.scales[j];
      intercepts[k] += value * set.means[j];
    }
  }
  return { set, beta, intercepts };
}

function worstKktViolation(data: MultinomialDataset, penalty: Penalty, grouped: boolean, standardize: boolean): number {
  const rows = allRows(data);
  const lambdas = multinomialLambdaGrid(
    { auto: { count: 12, minRatio: 0.01 } },
    data,
    rows,
    penalty,
    standardize,
    grouped,
  );
  const fits = fitMultinomialPath(data, rows, { penalty, lambdas, standardize, grouped, solver: TIGHT_CD });
  const classes = data.classes.length;
  const r = effectiveL1Ratio(penalty);
  let worst = 0;
  for (const fit of fits) {
    expect(fit.status).toBe('ok');
    const { set, beta, intercepts } = standardized(data, fit, standardize);
    const p = set.p;
    const gradient = new Float64Array(classes * (p + 1));
    multinomialGradient(set, { classes, lambda: 0, l1Ratio: r, grouped }, intercepts, beta, gradient);
    const lambda = fit.lambda;
    for (let k = 0; k < classes; k++) worst = Math.max(worst, Math.abs(gradient[k]));
    for (let j = 0; j < p; j++) {
      if (set.isConstant[j]) {
        for (let k = 0; k < classes; k++) expect(fit.coefficients[k * p + j]).toBe(0);
        continue;
      }
      let groupNorm = 0;
      let gradientNorm = 0;
      for (let k = 0; k < classes; k++) {
        groupNorm += beta[k * p + j] ** 2;
        gradientNorm += gradient[classes + k * p + j] ** 2;
      }
      groupNorm = Math.sqrt(groupNorm);
      gradientNorm = Math.sqrt(gradientNorm);
      if (grouped && groupNorm === 0) {
        worst = Math.max(worst, gradientNorm - lambda * r);
        continue;
      }
      for (let k = 0; k < classes; k++) {
        const b = beta[k * p + j];
        const g = gradient[classes + k * p + j];
        const l1Part = grouped ? b / groupNorm : Math.sign(b);
        const violation =
          !grouped && b === 0 ? Math.abs(g) - lambda * r : Math.abs(g + lambda * r * l1Part + lambda * (1 - r) * b);
        worst = Math.max(worst, violation);
      }
    }
  }
  return worst;
}

describe('KKT conditions on random multiclass data (4 classes, 150×7, one constant column)', () => {
  const data = syntheticMulticlass({ rows: 150, cols: 7, classes: 4, seed: 11, constantColumn: true });
  for (const grouped of [false, true]) {
    for (const penalty of grouped ? PENALTIES.slice(0, 2) : PENALTIES) {
      for (const standardize of [true, false]) {
        it(`${grouped ? 'grouped' : 'ungrouped'} ${penalty.kind}${standardize ? '' : ', unstandardized'}: every point`, () => {
          expect(worstKktViolation(data, penalty, grouped, standardize)).toBeLessThan(1e-7);
        });
      }
    }
  }
});

describe('the λ path', () => {
  const data = syntheticMulticlass({ rows: 120, cols: 6, classes: 5, seed: 3 });
  const rows = allRows(data);
  for (const grouped of [false, true]) {
    it(`${grouped ? 'grouped' : 'ungrouped'}: all zero at λ_max, not just below it`, () => {
      const largest = multinomialLambdaMax(data, rows, 1, true, grouped);
      const fits = fitMultinomialPath(data, rows, {
        penalty: { kind: 'l1', l1Ratio: 1 },
        lambdas: Float64Array.of(largest, largest * 0.999),
        standardize: true,
        grouped,
        solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 100_000 },
      });
      expect(fits[0].nonzeros).toBe(0);
      expect(fits[1].nonzeros).toBe(1);
    });

    it(`${grouped ? 'grouped' : 'ungrouped'}: the strong rule does not change the answer`, () => {
      const penalty: Penalty = { kind: 'elasticnet', l1Ratio: 0.7 };
      const spec = {
        penalty,
        lambdas: multinomialLambdaGrid({ auto: { count: 10, minRatio: 0.01 } }, data, rows, penalty, true, grouped),
        standardize: true,
        grouped,
        solver: { kind: 'cd' as const, tolerance: 1e-16, maxIterations: 1_000_000 },
      };
      const screened = fitMultinomialPath(data, rows, spec);
      const unscreened = fitMultinomialPath(data, rows, spec, { screening: false });
      screened.forEach((fit, l) => {
        expect(fit.nonzeros).toBe(unscreened[l].nonzeros);
        fit.coefficients.forEach((value, index) =>
          expect(Math.abs(value - unscreened[l].coefficients[index])).toBeLessThan(1e-7),
        );
      });
    });
  }

  it('reports intercepts summing to zero and the objective it minimised', () => {
    const fits = fitMultinomialPath(data, rows, {
      penalty: { kind: 'l1', l1Ratio: 1 },
      lambdas: multinomialLambdaGrid({ auto: { count: 5 } }, data, rows, { kind: 'l1', l1Ratio: 1 }, true, false),
      standardize: true,
      grouped: false,
      solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 100_000 },
    });
    for (const fit of fits) {
      expect(Math.abs(fit.intercepts.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
      const { set, beta, intercepts } = standardized(data, fit, true);
      const terms = { classes: 5, lambda: fit.lambda, l1Ratio: 1, grouped: false };
      expect(Math.abs(multinomialObjective(set, terms, intercepts, beta) - fit.objective)).toBeLessThan(1e-12);
    }
  });

  it('a fold without a row of some class: every point diverged, with a reason naming the class', () => {
    const trainRows = Int32Array.from(Array.from({ length: 120 }, (_, i) => i).filter((i) => data.y[i] !== 2));
    const fits = fitMultinomialPath(data, trainRows, {
      penalty: { kind: 'l1', l1Ratio: 1 },
      lambdas: Float64Array.of(0.1, 0.01),
      standardize: true,
      grouped: false,
      solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
    });
    expect(fits.map((fit) => fit.status)).toEqual(['diverged', 'diverged']);
    expect(fits[0].reason).toContain('"c2"');
  });
});

describe('the objective’s gradient against central finite differences', () => {
  const data = syntheticMulticlass({ rows: 60, cols: 4, classes: 3, seed: 5 });
  const set = prepareTrainingSet(data, allRows(data), true);
  const normal = normalSource(99);
  const intercepts = Float64Array.from({ length: 3 }, () => normal());
  const beta = Float64Array.from({ length: 3 * set.p }, () => normal());
  for (const grouped of [false, true]) {
    it(grouped ? 'grouped penalty' : 'ungrouped penalty', () => {
      const terms = { classes: 3, lambda: 0.3, l1Ratio: 0.6, grouped };
      const analytic = new Float64Array(3 * (set.p + 1));
      multinomialGradient(set, terms, intercepts, beta, analytic);
      const h = 1e-6;
      const numeric = (vector: Float64Array, index: number) => {
        const original = vector[index];
        vector[index] = original + h;
        const up = multinomialObjective(set, terms, intercepts, beta);
        vector[index] = original - h;
        const down = multinomialObjective(set, terms, intercepts, beta);
        vector[index] = original;
        return (up - down) / (2 * h);
      };
      for (let k = 0; k < 3; k++) expect(Math.abs(analytic[k] - numeric(intercepts, k))).toBeLessThan(1e-8);
      for (let index = 0; index < beta.length; index++) {
        expect(Math.abs(analytic[3 + index] - numeric(beta, index))).toBeLessThan(1e-8);
      }
    });
  }
});
