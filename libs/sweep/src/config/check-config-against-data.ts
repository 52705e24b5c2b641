/**
 * The config checks that need the dataset: they run once the dataset is known (the server on submit,
 * the CLI after loading the CSV), and report problems with the same `{path, message}` as validation.
 */
import { classCountProblems } from '@regsweep/datasets';
import type { ConfigError, SweepConfig } from '../types';
import { fitsClassLabels, glmModel } from '../plan/mlp-plan';

export interface DataShape {
  readonly rows: number;
  /** The dataset's columns. */
  readonly names: readonly string[];
  /** The dataset's declared target column. */
  readonly target: string;
  readonly task: 'regression' | 'binary' | 'multiclass';
  /**
   * The target's class labels: a multiclass target's own, or a numeric target's integer codes (classCodesOf) when
   * the caller read them for a multinomial sweep; absent when not known.
   */
  readonly classes?: readonly string[] | null;
}

export function checkConfigAgainstData(config: SweepConfig, data: DataShape): ConfigError[] {
  const errors: ConfigError[] = [];
  const target = config.target ?? data.target;
  if (target !== data.target && !data.names.includes(target)) {
    errors.push({ path: 'target', message: `the dataset has no column "${target}"; its target is "${data.target}"` });
  }
  if (fitsClassLabels(config)) {
    const model = config.model === 'mlp' ? 'mlp with softmax output' : 'multinomial';
    if (errors.length === 0) errors.push(...multinomialTargetErrors(model, target, data));
  } else if (glmModel(config) === 'logistic' && target === data.target && data.task !== 'binary') {
    // The task is known for the declared target only; another column's values are checked when it is loaded.
    errors.push({
      path: 'target',
      message: `model ${config.model === 'mlp' ? 'mlp with logistic output' : 'logistic'} needs a binary (0/1) target, but "${target}" is a ${data.task} target`,
    });
  }

  // Test rows are held out first: round(testFraction · rows) of them, as the engine's makeSplitPlan does.
  const fitRows = data.rows - Math.round(config.testFraction * data.rows);
  if (fitRows < 2) {
    errors.push({
      path: 'testFraction',
      message: `leaves ${fitRows} of ${data.rows} rows to fit; at least 2 are needed`,
    });
    return errors;
  }
  const split = config.split;
  switch (split.kind) {
    case 'kfold':
      if (split.folds > fitRows) {
        errors.push({
          path: 'split.folds',
          message: `${split.folds} folds need at least ${split.folds} rows, but ${fitRows} rows are left to fit`,
        });
      }
      break;
    case 'holdout': {
      const validationRows = Math.round(split.validationFraction * fitRows);
      if (validationRows < 1 || validationRows >= fitRows) {
        errors.push({
          path: 'split.validationFraction',
          message: `gives ${validationRows} validation rows out of ${fitRows}: training and validation rows must both be non-empty`,
        });
      }
      break;
    }
    case 'foldIds':
      if (split.foldIds.length !== data.rows) {
        errors.push({
          path: 'split.foldIds',
          message: `must have one fold number per row: the dataset has ${data.rows} rows, foldIds has ${split.foldIds.length}`,
        });
      }
      break;
  }
  return errors;
}

/**
 * A multinomial sweep (or a softmax network's) fits the dataset's declared target, which must hold class labels (text,
 * stored with the dataset) or, for multinomial, integer class codes (the caller reads them: `classes`), and at least
 * two classes.
 */
function multinomialTargetErrors(model: string, target: string, data: DataShape): ConfigError[] {
  if (target !== data.target) {
    return [
      {
        path: 'target',
        message: `model ${model} fits the dataset's class-label target "${data.target}", not another column ("${target}")`,
      },
    ];
  }
  if (data.classes) return classCountProblems(data.classes, target, model);
  if (data.task === 'multiclass') return [];
  return [
    {
      path: 'target',
      message: `model ${model} needs a multiclass target (class labels), but "${target}" is a ${data.task} target`,
    },
  ];
}
