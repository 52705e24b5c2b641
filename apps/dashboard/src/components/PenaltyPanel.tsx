/**
 * One penalty of the report: validation curve with λmin/λ1se, the verdict, the coefficient path
 * and the number of nonzeros against λ.
 */
import { useEffect, useState } from 'react';
import { loadCoefficientPath, type CoefficientPath } from '../api/coefficient-path';
import type { PenaltyReport, SweepReport } from '../api/types';
import { CoefficientPathChart } from '../charts/CoefficientPathChart';
import { NonzerosChart } from '../charts/NonzerosChart';
import { ValidationCurveChart } from '../charts/ValidationCurveChart';
import { formatNumber, penaltyLabel } from '../format';
import { ErrorMessage } from './ErrorMessage';
import { Verdict } from './Verdict';

interface Props {
  sweepId: string;
  report: SweepReport;
  penalty: PenaltyReport;
}

/** The λ the report's selection rule picks on this curve (1se falls back to min when there is no sd). */
function chosenLambdaOf(penalty: PenaltyReport, selection: 'min' | '1se'): number {
  return selection === '1se' && penalty.lambda1se !== null ? penalty.lambda1se : penalty.lambdaMin;
}

export function PenaltyPanel({ sweepId, report, penalty }: Props) {
  const chosen = chosenLambdaOf(penalty, report.selection);
  if (penalty.penalty === 'none' || penalty.curve.every((point) => point.lambda <= 0)) {
    return <UnpenalizedSummary report={report} penalty={penalty} />;
  }
  return (
    <div className="penalty-panel" data-testid={`penalty-${penalty.penalty}`}>
      <p className="lambda-marks" data-testid="lambda-marks">
        <span className="mark mark-min">λmin = {formatNumber(penalty.lambdaMin)}</span>
        <span className="mark mark-1se" data-testid="lambda1se-mark">
          λ1se = {formatNumber(penalty.lambda1se)}
        </span>
        <span>
          Chosen for {penaltyLabel(penalty.penalty, penalty.l1Ratio)} ({report.selection}):{' '}
          <strong>λ = {formatNumber(chosen)}</strong>
        </span>
      </p>
      <ValidationCurveChart report={penalty} metric={report.metric} chosenLambda={chosen} testId="curve-chart" />
      <Verdict report={penalty} />
      <div className="two-columns">
        <section>
          <h4>Coefficient path</h4>
          <CoefficientPathSection sweepId={sweepId} penalty={penalty} />
        </section>
        <section>
          <h4>Nonzero coefficients</h4>
          <NonzerosChart report={penalty} />
        </section>
      </div>
    </div>
  );
}

function CoefficientPathSection({ sweepId, penalty }: { sweepId: string; penalty: PenaltyReport }) {
  const [path, setPath] = useState<CoefficientPath | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    setPath(null);
    setError(null);
    loadCoefficientPath(sweepId, penalty.penalty, penalty.l1Ratio).then(
      (loaded) => !cancelled && setPath(loaded),
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [sweepId, penalty.penalty, penalty.l1Ratio]);
  if (error) return <ErrorMessage error={error} />;
  if (!path) return <p className="muted">Loading coefficients…</p>;
  return (
    <>
      <CoefficientPathChart points={path.points} testId="coefficient-path" />
      {path.thinned && (
        <p className="muted small">
          Drawn from {path.points.length.toLocaleString()} of {path.total.toLocaleString()} trials (evenly spaced
          samples).
        </p>
      )}
    </>
  );
}

function UnpenalizedSummary({ report, penalty }: { report: SweepReport; penalty: PenaltyReport }) {
  const point = penalty.curve[0];
  return (
    <div className="penalty-panel" data-testid="penalty-none">
      <p>
        No penalty: a single fit (λ = 0). Validation {report.metric} {formatNumber(point?.validation)}
        {point?.validationSd != null && <> ± {formatNumber(point.validationSd)}</>}, train {formatNumber(point?.train)},
        gap {formatNumber(point?.gap)}, {point?.nonzeros ?? '—'} nonzero coefficients.
      </p>
      <Verdict report={penalty} />
    </div>
  );
}
