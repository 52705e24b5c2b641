/** `model: multinomial` configs (SPEC §7): defaults, the `multinomial` section, what the model refuses, and its data. */
import { InvalidInputError } from '@regsweep/datasets/invalid-input';
import { checkConfigAgainstData, validateSweepConfig, type DataShape } from '../../src/config';

const iris: DataShape = {
  rows: 150,
  names: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  target: 'species',
  task: 'multiclass',
};

function errorsOf(raw: Record<string, unknown>): { path: string; message: string }[] {
  try {
    validateSweepConfig({ name: 'n', dataset: 'iris', model: 'multinomial', ...raw });
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return [...error.errors];
  }
}

describe('a multinomial sweep config', () => {
  it('defaults to the ungrouped penalty, logloss and cd, and round-trips', () => {
    const config = validateSweepConfig({ name: 'n', dataset: 'iris', model: 'multinomial' });
    expect(config).toMatchObject({ multinomial: { grouped: false }, metric: 'logloss', solver: { kind: 'cd' } });
    expect(validateSweepConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
    const grouped = validateSweepConfig({ ...config, multinomial: { grouped: true }, metric: 'f1' });
    expect(grouped).toMatchObject({ multinomial: { grouped: true }, metric: 'f1' });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['grouped not a boolean', { multinomial: { grouped: 'yes' } }, 'multinomial.grouped', /boolean/],
    ['an unknown field in multinomial', { multinomial: { type: 'grouped' } }, 'multinomial.type', /.+/],
    ['a binary metric', { metric: 'auc' }, 'metric', /logloss, accuracy, f1/],
    ['gradient descent', { solver: { kind: 'gd' } }, 'solver.kind', /coordinate descent/],
    ['a network solver', { solver: { kind: 'adam' } }, 'solver.kind', /.+/],
    [
      'a tpe search',
      { search: { strategy: 'tpe' }, lambdas: { range: { min: 0.01, max: 1 } } },
      'search.strategy',
      /grid or random/,
    ],
    ['an adaptive grid', { lambdas: { auto: { adaptive: true } } }, 'lambdas.auto.adaptive', /fixed λ grid/],
  ])('refuses %s', (_, raw, path, message) => {
    const errors = errorsOf(raw);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)!.message).toMatch(message);
  });

  it('is refused on another model, and f1 on the binary model', () => {
    expect(() =>
      validateSweepConfig({ name: 'n', dataset: 'iris', model: 'logistic', multinomial: { grouped: true } }),
    ).toThrow(/only used by model multinomial/);
    expect(() => validateSweepConfig({ name: 'n', dataset: 'x', model: 'logistic', metric: 'f1' })).toThrow(/metric/);
  });

  it('needs the dataset declared class-label target', () => {
    const config = validateSweepConfig({ name: 'n', dataset: 'iris', model: 'multinomial' });
    expect(checkConfigAgainstData(config, iris)).toEqual([]);
    const binary = checkConfigAgainstData(config, { ...iris, task: 'binary' });
    expect(binary).toEqual([{ path: 'target', message: expect.stringMatching(/multiclass target/) }]);
    const other = checkConfigAgainstData({ ...config, target: 'petal_width' }, iris);
    expect(other).toEqual([{ path: 'target', message: expect.stringMatching(/class-label target "species"/) }]);
  });
});
