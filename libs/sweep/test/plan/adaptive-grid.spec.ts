import { cvStatistics, evaluateFold, logspace, type FoldPathResult, type PathSpec, type SolverConfig } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import {
  ADAPTIVE_DECADE_LIMIT,
  limitReachedAt,
  mergeCurveResults,
  nextExtension,
  planSweep,
  pointsPerDecade,
  type CurveState,
  type GridExtension,
} from '../../src/plan';
import { buildReport } from '../../src/report';
import type { CurvePlan, CurveResults, SweepConfig } from '../../src/types';
import { readDiabetes } from '../helpers/diabetes';

const grid = logspace(10, 1e-3, 101); // 4 decades, 25 points per decade
const state = (indexMin: number, extra: Partial<CurveState> = {}): CurveState => ({
  lambdas: grid,
  indexMin,
  nonzerosAtTop: 3,
  extended: { small: 0, large: 0 },
  ...extra,
});

describe('nextExtension', () => {
  it('reads the grid spacing in points per decade', () => {
    expect(pointsPerDecade(grid)).toBe(25);
    expect(pointsPerDecade(logspace(45, 0.0045, 100))).toBe(25); // the auto grid: 99 steps over 4 decades
    expect(pointsPerDecade(Float64Array.of(1, 0.1))).toBe(1);
  });

  it('extends the small end by one decade with the same spacing, warm-started from the last λ', () => {
    const extension = nextExtension(state(grid.length - 1))!;
    expect(extension.direction).toBe('small');
    expect(extension.warmStart).toBe(grid[grid.length - 1]);
    expect(extension.lambdas).toHaveLength(25);
    expect(extension.lambdas[0]).toBeCloseTo(1e-3 * 10 ** (-1 / 25), 15);
    expect(extension.lambdas[24]).toBeCloseTo(1e-4, 15);
    for (let k = 1; k < 25; k++) expect(extension.lambdas[k]).toBeLessThan(extension.lambdas[k - 1]);
  });

  it('extends the large end by one decade, down towards the old top, unless the top is the null model', () => {
    const extension = nextExtension(state(0))!;
    expect(extension.direction).toBe('large');
    expect(extension.warmStart).toBeUndefined();
    expect(extension.lambdas[0]).toBeCloseTo(100, 10);
    expect(extension.lambdas[24]).toBeCloseTo(10 * 10 ** (1 / 25), 12);
    expect(nextExtension(state(0, { nonzerosAtTop: 0 }))).toBeNull();
  });

  it('does nothing for an interior lambdaMin, no finite score, or an end at its limit (and says which end)', () => {
    expect(nextExtension(state(50))).toBeNull();
    expect(nextExtension(state(-1))).toBeNull();
    const atLimit = state(grid.length - 1, { extended: { small: ADAPTIVE_DECADE_LIMIT, large: 0 } });
    expect(nextExtension(atLimit)).toBeNull();
    expect(limitReachedAt(atLimit)).toBe('small');
    expect(limitReachedAt(state(50))).toBeNull();
  });
});

describe('an adaptive grid on diabetes (ridge: lambdaMin at the small end of the auto grid)', () => {
  const data = readDiabetes();
  const config: SweepConfig = validateSweepConfig({
    name: 'adaptive',
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l2'],
    lambdas: { auto: { count: 100, minRatio: 0.0001, adaptive: true } },
    split: { kind: 'kfold', folds: 10, shuffle: true, seed: 42 },
    testFraction: 0.1,
    solver: { kind: 'cd', tolerance: 1e-12, maxIterations: 1_000_000 },
  });
  const plan = planSweep('adaptive', config, data);
  const spec = (lambdas: Float64Array): PathSpec => ({
    model: 'linear',
    penalty: { kind: 'l2', l1Ratio: 0 },
    lambdas,
    standardize: true,
    solver: config.solver as SolverConfig,
  });
  /** Every fold (0 = full data) of a path, the warm-start point fitted first and dropped, as the runner does. */
  const runPart = (curve: CurvePlan, warmStart?: number): CurveResults => {
    const lambdas = warmStart === undefined ? curve.lambdas : Float64Array.of(warmStart, ...curve.lambdas);
    const drop = warmStart === undefined ? 0 : 1;
    const byFold: FoldPathResult[] = plan.split.folds.map((fold) => {
      const r = evaluateFold(data, fold, spec(lambdas), 'mse');
      return { ...r, fits: r.fits.slice(drop), train: r.train.subarray(drop), validation: r.validation.subarray(drop) };
    });
    return { curve, folds: byFold.filter((r) => r.fold > 0), full: byFold.find((r) => r.fold === 0)!.fits };
  };

  const base = runPart(plan.curves[0]);
  const parts: CurveResults[] = [base];
  const added: GridExtension[] = [];
  let merged = base;
  for (;;) {
    const stats = cvStatistics(merged.folds, merged.curve.lambdas, 'mse');
    const extended = {
      small: added.filter((e) => e.direction === 'small').length,
      large: added.filter((e) => e.direction === 'large').length,
    };
    const extension = nextExtension({
      lambdas: merged.curve.lambdas,
      indexMin: stats.indexMin,
      nonzerosAtTop: merged.full[0].nonzeros,
      extended,
    });
    if (!extension) break;
    added.push(extension);
    parts.push(runPart({ index: 0, penalty: 'l2', l1Ratio: 0, lambdas: extension.lambdas }, extension.warmStart));
    merged = mergeCurveResults(parts);
  }

  it('starts with lambdaMin at the small end, extends it, and ends with lambdaMin inside the curve', () => {
    const baseStats = cvStatistics(base.folds, base.curve.lambdas, 'mse');
    expect(baseStats.indexMin).toBe(base.curve.lambdas.length - 1);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((e) => e.direction === 'small')).toBe(true);
    const stats = cvStatistics(merged.folds, merged.curve.lambdas, 'mse');
    expect(stats.indexMin).toBeGreaterThan(0);
    expect(stats.indexMin).toBeLessThan(merged.curve.lambdas.length - 1);
    expect(stats.lambdaMin).toBeLessThan(base.curve.lambdas[base.curve.lambdas.length - 1]);
  });

  it('gives the same validation curve as one long path over every λ (merge and warm start change nothing)', () => {
    const longPath = runPart({ index: 0, penalty: 'l2', l1Ratio: 0, lambdas: merged.curve.lambdas });
    for (let k = 0; k < merged.folds.length; k++) {
      merged.folds[k].validation.forEach((value, j) => {
        expect(Math.abs(value - longPath.folds[k].validation[j]) / value).toBeLessThan(1e-9);
      });
    }
    merged.full.forEach((fit, j) => expect(fit.lambda).toBe(merged.curve.lambdas[j]));
  });

  it('puts the added λ in the report under penalties[].adaptive, with no edge warning left', () => {
    const adaptive = {
      added: added.map((e) => ({ direction: e.direction, lambdas: Array.from(e.lambdas) })),
      limitReached: null,
      decadeLimit: ADAPTIVE_DECADE_LIMIT,
    };
    const report = buildReport({
      sweepId: 'adaptive',
      config,
      results: [mergeCurveResults(parts, adaptive)],
      featureNames: data.x.names,
      data,
      testRows: plan.split.testRows,
    });
    expect(report.penalties[0].adaptive).toEqual(adaptive);
    expect(report.penalties[0].curve).toHaveLength(100 + 25 * added.length);
    expect(report.penalties[0].overfitting.edge).toBe('none');
    expect(report.warnings.filter((w) => /end of the grid|small end/.test(w))).toEqual([]);
  });

  it('keeps a warning, saying λ → 0 may be best, when the limit was reached with lambdaMin at the small end', () => {
    const report = buildReport({
      sweepId: 'adaptive',
      config,
      results: [{ ...base, adaptive: { added: [], limitReached: 'small', decadeLimit: 3 } }],
      featureNames: data.x.names,
      data,
      testRows: plan.split.testRows,
    });
    expect(report.warnings.some((w) => /λ → 0 \(no penalty\) may well be best/.test(w))).toBe(true);
  });
});
