/** The model the report picks: penalty, the chosen λ written out, its scores and coefficients. */
import type { SweepReport } from '../api/types';
import { formatNumber, penaltyLabel } from '../format';

export function BestModel({ report }: { report: SweepReport }) {
  const best = report.best;
  if (!best) return <p className="muted">No model could be chosen (every trial failed or diverged).</p>;
  const rule = report.selection === '1se' ? 'the one-standard-error rule (λ1se)' : 'the lowest validation error (λmin)';
  const coefficients = Object.entries(best.coefficients).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  // A network (with hidden layers) has no coefficients: the report gives each input's first-layer weight mass.
  const network = report.mlp && report.mlp.network.hidden.length > 0;
  return (
    <div className="best-model" data-testid="best-model">
      <p className="chosen" data-testid="chosen-lambda">
        Chosen: <strong>{penaltyLabel(best.penalty, best.l1Ratio)}</strong> with{' '}
        <strong>λ = {formatNumber(best.lambda)}</strong>, picked by {rule}.
      </p>
      <dl className="facts">
        <dt>validation {report.metric}</dt>
        <dd>
          {formatNumber(best.validation.mean)}
          {best.validation.sd !== null && <> ± {formatNumber(best.validation.sd)}</>}
        </dd>
        <dt>train {report.metric}</dt>
        <dd>{formatNumber(best.train.mean)}</dd>
        <dt>gap</dt>
        <dd>{formatNumber(best.gap)}</dd>
        <dt>{network ? 'nonzero weights' : 'nonzero coefficients'}</dt>
        <dd>{best.nonzeros}</dd>
        <dt>{network ? 'output bias' : 'intercept'}</dt>
        <dd>{formatNumber(best.intercept)}</dd>
        {best.test &&
          Object.entries(best.test).map(([metric, value]) => (
            <span key={metric} className="fact-pair">
              <dt>test {metric}</dt>
              <dd>{formatNumber(value)}</dd>
            </span>
          ))}
      </dl>
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
