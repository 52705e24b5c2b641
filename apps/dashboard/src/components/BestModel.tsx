/** The model the report picks: penalty, the chosen λ written out, its scores and coefficients. */
import type { BestModel as GlmBestModel, MultinomialBestModel } from '@regsweep/sweep';
import type { SweepReport } from '../api/types';
import { formatNumber, penaltyLabel } from '../format';
import { ConfusionMatrix, MultinomialCoefficients } from './MultinomialBest';

function isMultinomial(best: GlmBestModel | MultinomialBestModel): best is MultinomialBestModel {
  // A softmax network's intercept is null (K output biases, no one intercept): not a multinomial model's object.
  return typeof best.intercept === 'object' && best.intercept !== null;
}

export function BestModel({ report }: { report: SweepReport }) {
  const best = report.best;
  if (!best) return <p className="muted">No model could be chosen (every trial failed or diverged).</p>;
  const rule = report.selection === '1se' ? 'the one-standard-error rule (λ1se)' : 'the lowest validation error (λmin)';
  if (isMultinomial(best)) return <MultinomialBestView best={best} report={report} rule={rule} />;
  const coefficients = Object.entries(best.coefficients).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  // A network (with hidden layers) has no coefficients: the report gives each input's first-layer weight mass.
  const network = report.mlp && report.mlp.network.hidden.length > 0;
  const { confusion, ...testScores } = best.test ?? {};
  return (
    <div className="best-model" data-testid="best-model">
      <ChosenLine best={best} rule={rule} />
      <dl className="facts">
        <CrossValidatedScores best={best} metric={report.metric} />
        <dt>{network ? 'nonzero weights' : 'nonzero coefficients'}</dt>
        <dd>{best.nonzeros}</dd>
        {typeof best.intercept === 'number' && (
          <>
            <dt>{network ? 'output bias' : 'intercept'}</dt>
            <dd>{formatNumber(best.intercept)}</dd>
          </>
        )}
        {best.test &&
          Object.entries(testScores).map(([metric, value]) => (
            <span key={metric} className="fact-pair">
              <dt>test {metric}</dt>
              <dd>{formatNumber(value)}</dd>
            </span>
          ))}
      </dl>
      {confusion && (
        <>
          <h4>Confusion matrix (test rows)</h4>
          <ConfusionMatrix confusion={confusion} />
        </>
      )}
      <details>
        <summary>
          {network ? 'Input weight mass Σ|W₁| / sd' : 'Coefficients'} ({coefficients.length})
        </summary>
        <table className="compact">
          <tbody>
            {coefficients.map(([name, value]) => (
              <tr key={name} className={value === 0 ? 'zero' : undefined}>
                <td>{name}</td>
                <td className="num">{formatNumber(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** A multinomial best model: its scores, the per-class coefficients and the test rows' confusion matrix. */
function MultinomialBestView({
  best,
  report,
  rule,
}: {
  best: MultinomialBestModel;
  report: SweepReport;
  rule: string;
}) {
  const { confusion, ...scores } = best.test ?? { confusion: undefined };
  return (
    <div className="best-model" data-testid="best-model">
      <ChosenLine best={best} rule={rule} family="multinomial " />
      <dl className="facts">
        <CrossValidatedScores best={best} metric={report.metric} />
        <dt>features used (any class)</dt>
        <dd>{best.nonzeros}</dd>
        {Object.entries(scores).map(([metric, value]) => (
          <span key={metric} className="fact-pair">
            <dt>test {metric}</dt>
            <dd>{formatNumber(value as number)}</dd>
          </span>
        ))}
      </dl>
      <h4>Coefficients per class</h4>
      <MultinomialCoefficients best={best} />
      {confusion && (
        <>
          <h4>Confusion matrix</h4>
          <ConfusionMatrix confusion={confusion} />
        </>
      )}
    </div>
  );
}

/** The chosen penalty and λ, and the rule that picked them. */
function ChosenLine({
  best,
  rule,
  family = '',
}: {
  best: GlmBestModel | MultinomialBestModel;
  rule: string;
  family?: string;
}) {
  return (
    <p className="chosen" data-testid="chosen-lambda">
      Chosen:{' '}
      <strong>
        {family}
        {penaltyLabel(best.penalty, best.l1Ratio)}
      </strong>{' '}
      with <strong>λ = {formatNumber(best.lambda)}</strong>, picked by {rule}.
    </p>
  );
}

/** The chosen model's validation (± sd across folds) and train scores and their gap, as facts of a `<dl>`. */
function CrossValidatedScores({ best, metric }: { best: GlmBestModel | MultinomialBestModel; metric: string }) {
  return (
    <>
      <dt>validation {metric}</dt>
      <dd>
        {formatNumber(best.validation.mean)}
        {best.validation.sd !== null && <> ± {formatNumber(best.validation.sd)}</>}
      </dd>
      <dt>train {metric}</dt>
      <dd>{formatNumber(best.train.mean)}</dd>
      <dt>gap</dt>
      <dd>{formatNumber(best.gap)}</dd>
    </>
  );
}
