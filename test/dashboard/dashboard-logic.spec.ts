/**
 * The dashboard's pure helpers (no browser): error placement, config building, thinning, CSV
 * preview and export, live curve accumulation, page spreading, the event-stream parser.
 */
import { spreadPages } from '../../apps/dashboard/src/api/coefficient-path';
import type { TrialJson } from '../../apps/dashboard/src/api/types';
import { addTaskTrials, type LiveCurve } from '../../apps/dashboard/src/api/live-trials';
import { SseParser, type SseMessage } from '../../apps/dashboard/src/api/sse';
import { searchHistory } from '../../apps/dashboard/src/charts/search-history';
import { thinPoints } from '../../apps/dashboard/src/charts/thin';
import { assignErrors } from '../../apps/dashboard/src/components/field-errors';
import { previewCsv } from '../../apps/dashboard/src/csv-preview';
import { toCsv, trialsCsv } from '../../apps/dashboard/src/export';
import { buildConfig, FIELD_PATHS, initialForm, withModel } from '../../apps/dashboard/src/pages/sweep-form';

describe('assignErrors', () => {
  it('gives each error to the most specific field and keeps the rest apart', () => {
    const { byField, unassigned } = assignErrors(
      [
        { path: 'split.folds', message: 'must not be less than 2' },
        { path: 'lambdas', message: 'must give exactly one of auto, range, values' },
        { path: 'l1Ratios.1', message: 'must be strictly between 0 and 1' },
        { path: 'mystery', message: 'is not a known field' },
      ],
      FIELD_PATHS,
    );
    expect(byField.get('split.folds')).toEqual(['must not be less than 2']);
    expect(byField.get('lambdas')).toEqual(['must give exactly one of auto, range, values']);
    expect(byField.get('l1Ratios')).toEqual(['1: must be strictly between 0 and 1']);
    expect(byField.has('split')).toBe(false);
    expect(unassigned).toEqual([{ path: 'mystery', message: 'is not a known field' }]);
  });
});

describe('buildConfig', () => {
  it('sends only the fields of the chosen kinds, leaves empty inputs out and keeps non-numbers as typed', () => {
    const form = {
      ...initialForm(),
      name: 'x',
      dataset: 'diabetes',
      folds: 'abc',
      tolerance: '',
      strategy: 'random' as const,
    };
    form.lambdaMode = 'range';
    const config = buildConfig(form);
    expect(config).toEqual({
      name: 'x',
      dataset: 'diabetes',
      model: 'linear',
      penalties: ['l1', 'l2'],
      lambdas: { range: { min: 0.0001, max: 10, count: 50, scale: 'log' } },
      split: { kind: 'kfold', folds: 'abc', shuffle: true, seed: 42 },
      testFraction: 0,
      search: { strategy: 'random', trials: 60, seed: 7 },
      solver: { kind: 'cd' },
      standardize: true,
      metric: 'mse',
      selection: '1se',
    });
  });

  it('adds l1Ratios only with elasticnet and the gd fields only with gd', () => {
    const config = buildConfig({
      ...initialForm(),
      penalties: ['elasticnet'],
      l1Ratios: '0.2, 0.8',
      solverKind: 'gd',
      splitKind: 'holdout',
    });
    expect(config.l1Ratios).toEqual([0.2, 0.8]);
    expect(config.solver).toEqual({ kind: 'gd', learningRate: 0.1, epochs: 1000 });
    expect(config.split).toEqual({ kind: 'holdout', validationFraction: 0.2, seed: 42 });
  });

  it('sends a network and its sgd/adam solver for model mlp, and the GLM solver again when switched back', () => {
    const form = withModel({ ...initialForm(), name: 'net', dataset: 'diabetes' }, 'mlp');
    expect(buildConfig({ ...form, hidden: '32, 16', activation: 'tanh', batchSize: '' })).toMatchObject({
      model: 'mlp',
      network: { hidden: [32, 16], activation: 'tanh', output: 'linear' },
      solver: { kind: 'adam', learningRate: 0.01, epochs: 200 },
      metric: 'mse',
    });
    const swept = buildConfig({ ...form, hidden: '16 | 32, 16', solverKind: 'sgd', output: 'logistic' });
    expect(swept.network).toEqual({ hidden: { choices: [[16], [32, 16]] }, activation: 'relu', output: 'logistic' });
    expect(swept.solver).toEqual({ kind: 'sgd', learningRate: 0.01, epochs: 200, batchSize: 64 });
    expect(buildConfig({ ...form, hidden: '' }).network).toMatchObject({ hidden: [] });
    const back = buildConfig(withModel(form, 'logistic'));
    expect(back.network).toBeUndefined();
    expect(back.solver).toEqual({ kind: 'cd' });
    expect(back.metric).toBe('logloss');
  });

  it('has an input path for every network field the server can refuse', () => {
    for (const path of ['network.hidden', 'network.activation', 'network.output', 'solver.kind', 'solver.batchSize']) {
      expect(FIELD_PATHS).toContain(path);
    }
  });
});

describe('thinPoints', () => {
  it('keeps at most about maxPoints, the ends, and the marked points', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => i);
    const thinned = thinPoints(points, 500, (p) => p === 12_345);
    expect(thinned.length).toBeLessThanOrEqual(502);
    expect(thinned[0]).toBe(0);
    expect(thinned[thinned.length - 1]).toBe(99_999);
    expect(thinned).toContain(12_345);
    expect(thinPoints([1, 2, 3], 500)).toEqual([1, 2, 3]);
  });
});

describe('previewCsv', () => {
  it('reads quoted fields, CRLF and flags numeric columns', () => {
    const preview = previewCsv('a,"b, with comma",c\r\n1,"x ""q""",3\r\n2,y,4.5\r\n', 8);
    expect(preview.header).toEqual(['a', 'b, with comma', 'c']);
    expect(preview.rows).toEqual([
      ['1', 'x "q"', '3'],
      ['2', 'y', '4.5'],
    ]);
    expect(preview.numeric).toEqual([true, false, true]);
  });

  it('stops after maxRows data rows', () => {
    expect(previewCsv('h\n1\n2\n3\n4\n', 2).rows).toEqual([['1'], ['2']]);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['name', 'value'],
        [
          ['a,b', 1],
          ['=cmd()', null],
          ['say "hi"', -2],
        ],
      ),
    ).toBe('name,value\n"a,b",1\n\'=cmd(),\n"say ""hi""",-2\n');
  });
});

describe('trialsCsv', () => {
  // A trial as the server types it (its TrialJson): without `include=folds` the page carries no folds.
  const trial: TrialJson = {
    ...{ id: 7, key: 'l2-0-3', curve: 0, lambdaIndex: 3, penalty: 'l2', l1Ratio: 0, lambda: 0.5, status: 'ok' },
    ...{ trainMean: 1, validationMean: 2, validationSd: 0.5, gap: 1, nonzeros: 2, intercept: 0.1 },
    ...{ iterations: 12, converged: true, reason: null, prunedStep: null, prunedValue: null },
    coefficients: { x: 0.25, y: null },
  };
  const FIXED = 'id,key,penalty,l1Ratio,lambda,status,trainMean,validationMean,validationSd,gap,nonzeros,intercept';

  it('writes a trial sent without its folds, with no fold columns', () => {
    expect(trialsCsv([trial])).toBe(`${FIXED},coef:x,coef:y\n7,l2-0-3,l2,0,0.5,ok,1,2,0.5,1,2,0.1,0.25,\n`);
  });

  it("adds each fold's train and validation values when they were sent", () => {
    const fold = { trainSize: 8, validationSize: 2, iterations: 12, converged: true, status: 'ok', reason: null };
    const folds = [{ ...fold, fold: 1, train: 1.5, validation: null }];
    expect(trialsCsv([{ ...trial, coefficients: null, folds }])).toBe(
      `${FIXED},fold1:train,fold1:validation\n7,l2-0-3,l2,0,0.5,ok,1,2,0.5,1,2,0.1,1.5,\n`,
    );
  });
});

describe('addTaskTrials', () => {
  it('averages validation over the folds received and skips fold 0', () => {
    const curves = new Map<string, LiveCurve>();
    const trial = (lambda: number, validation: number) => ({
      key: `k${lambda}`,
      penalty: 'l1',
      l1Ratio: 1,
      lambda,
      train: 0,
      validation,
    });
    addTaskTrials(curves, { curve: 0, fold: 1, trials: [trial(1, 10), trial(0.1, 4)] });
    addTaskTrials(curves, { curve: 0, fold: 2, trials: [trial(1, 20)] });
    addTaskTrials(curves, { curve: 0, fold: 0, trials: [trial(1, 1000)] });
    const l1 = curves.get('l1:1')!;
    expect(l1.folds).toEqual(new Set([1, 2]));
    expect(l1.points.get(1)).toEqual({ sum: 30, count: 2 });
    expect(l1.points.get(0.1)).toEqual({ sum: 4, count: 1 });
  });
});

describe('spreadPages', () => {
  it('spreads the pages evenly with both ends', () => {
    expect(spreadPages(3, 10)).toEqual([1, 2, 3]);
    const pages = spreadPages(4000, 40);
    expect(pages).toHaveLength(40);
    expect(pages[0]).toBe(1);
    expect(pages[39]).toBe(4000);
  });
});

describe('SseParser', () => {
  const parseAll = (chunks: string[]): SseMessage[] => {
    const messages: SseMessage[] = [];
    const parser = new SseParser((message) => messages.push(message));
    for (const chunk of chunks) parser.push(chunk);
    return messages;
  };

  it('delivers named and unnamed events at the blank line, joining data lines', () => {
    expect(parseAll(['event: progress\ndata: {"done":1,"total":4}\n\n', 'data: a\ndata: b\n\n'])).toEqual([
      { event: 'progress', data: '{"done":1,"total":4}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('reassembles lines split across chunks, accepts CRLF and skips comments, ids and empty events', () => {
    const messages = parseAll([
      ': keep-alive\n\nid: 7\nev',
      'ent: status\r\nda',
      'ta:{"status":"running"}\r',
      '\n\r\n',
    ]);
    expect(messages).toEqual([{ event: 'status', data: '{"status":"running"}' }]);
  });

  it('does not deliver an event whose blank line has not arrived yet', () => {
    expect(parseAll(['event: completed\ndata: {}\n'])).toEqual([]);
  });
});

describe('searchHistory', () => {
  const trial = (status: TrialJson['status'], validationMean: number | null) => ({ status, validationMean });
  const trials = [
    trial('ok', 5),
    trial('pruned', 1), // a pruned trial's running mean never counts as the best
    trial('ok', null),
    trial('ok', 3),
    trial('ok', 4),
  ];

  it('keeps the best validation so far by trial number, for a loss (min) and a score (max)', () => {
    expect(searchHistory(trials, 'mse')).toEqual({
      numbers: [1, 2, 3, 4, 5],
      bestSoFar: [5, 5, 5, 3, 3],
      pruned: [2],
    });
    expect(searchHistory(trials, 'auc').bestSoFar).toEqual([5, 5, 5, 5, 5]);
    expect(searchHistory([trial('pruned', 2), trial('ok', 7)], 'logloss').bestSoFar).toEqual([null, 7]);
  });
});
