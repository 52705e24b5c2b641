/**
 * The sweep report as text for a terminal (`regsweep sweep` without --json): one row per penalty curve with its
 * selected λs, then each curve's overfitting verdict, the best model with its coefficients, and the warnings.
 */
import {
  isMultinomialBest,
  type BestModel,
  type CurvePoint,
  type MultinomialBestModel,
  type PenaltyReport,
  type SweepReport,
} from '@regsweep/sweep';
import { table } from './text-table';

/** 4 significant digits; '—' for a missing value. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Number(value.toPrecision(4)));
}

function label(penalty: { penalty: string; l1Ratio: number; params?: object }): string {
  const name = penalty.penalty === 'elasticnet' ? `elasticnet(r=${penalty.l1Ratio})` : penalty.penalty;
  // An mlp curve is also named by its swept network values, e.g. l2 {"hidden":[32,16]}.
  return penalty.params && Object.keys(penalty.params).length > 0 ? `${name} ${JSON.stringify(penalty.params)}` : name;
}

function pointAt(curve: readonly CurvePoint[], lambda: number | null): CurvePoint | undefined {
  return lambda === null ? undefined : curve.find((point) => point.lambda === lambda);
}

function withSd(point: CurvePoint | undefined): string {
  if (!point) return '—';
  return point.validationSd === null ? num(point.validation) : `${num(point.validation)} ± ${num(point.validationSd)}`;
}

function penaltyRow(report: PenaltyReport): string[] {
  const atMin = pointAt(report.curve, report.lambdaMin);
  const at1se = pointAt(report.curve, report.lambda1se);
  return [
    label(report),
    num(report.lambdaMin),
    withSd(atMin),
    num(report.lambda1se),
    withSd(at1se),
    num(atMin?.gap),
    num(atMin?.nonzeros),
    report.overfitting.edge,
  ];
}

function testLine(scores: Record<string, unknown>): string {
  const shown = Object.entries(scores).filter(([, value]) => typeof value === 'number' || value === null);
  return `Test rows: ${shown.map(([metric, value]) => `${metric} ${num(value as number | null)}`).join(', ')}`;
}

function bestLines(best: BestModel): string[] {
  const coefficients = Object.entries(best.coefficients).map(([name, value]) => [name, num(value)]);
  return [
    ...(best.test ? [testLine(best.test)] : []),
    '',
    table(['coefficient', 'value'], [['(intercept)', num(best.intercept)], ...coefficients]),
  ];
}

/** Per-class coefficients (one column per class, glmnet's coef() layout) and the test rows' confusion matrix. */
function multinomialBestLines(best: MultinomialBestModel): string[] {
  const classes = Object.keys(best.intercept);
  const features = Object.keys(best.coefficients[classes[0]] ?? {});
  const lines = [
    ...(best.test ? [testLine(best.test)] : []),
    '',
    table(
      ['coefficient', ...classes],
      [
        ['(intercept)', ...classes.map((label) => num(best.intercept[label]))],
        ...features.map((name) => [name, ...classes.map((label) => num(best.coefficients[label][name]))]),
      ],
    ),
  ];
  if (best.test) {
    const { classes: labels, counts } = best.test.confusion;
    lines.push(
      '',
      'Confusion matrix on the test rows (rows: actual class, columns: predicted class):',
      table(
        ['actual / predicted', ...labels],
        counts.map((row, k) => [labels[k], ...row.map(String)]),
      ),
    );
  }
  return lines;
}

export function formatReport(report: SweepReport, title: string): string {
  const out: string[] = [title, ''];
  out.push(
    table(
      [
        'penalty',
        'lambdaMin',
        `${report.metric} at lambdaMin`,
        'lambda1se',
        `${report.metric} at lambda1se`,
        'gap at min',
        'nonzeros',
        'edge',
      ],
      report.penalties.map(penaltyRow),
    ),
    '',
  );
  for (const penalty of report.penalties) out.push(`${label(penalty)}: ${penalty.overfitting.verdict}`);

  const best = report.best;
  out.push('');
  if (best) {
    const sd = best.validation.sd === null ? '' : ` ± ${num(best.validation.sd)}`;
    out.push(
      `Best (${report.selection}): ${label(best)} at lambda = ${num(best.lambda)}: validation ${report.metric} ${num(best.validation.mean)}${sd}, ` +
        `train ${num(best.train.mean)}, gap ${num(best.gap)}, ${best.nonzeros} nonzero coefficients`,
    );
    out.push(...(isMultinomialBest(best) ? multinomialBestLines(best) : bestLines(best)));
  } else {
    out.push('No best model: no curve has a finite validation score.');
  }
  if (report.mlp) {
    const { network, bestEpoch, verdict } = report.mlp;
    out.push(
      '',
      `Network [${network.hidden.join(', ')}] ${network.activation}, ${network.output} output; best epoch ${bestEpoch ?? '—'}`,
      `Learning curves: ${verdict}`,
    );
  }
  if (report.warnings.length > 0) {
    out.push('', 'Warnings:', ...report.warnings.map((warning) => `- ${warning}`));
  }
  return out.join('\n') + '\n';
}
