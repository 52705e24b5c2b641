/** The per-fold values of one trial, and the learning curves of its folds when it was fitted by gd. */
import { useState } from 'react';
import type { TrialJson } from '../api/types';
import { LearningCurveChart } from '../charts/LearningCurveChart';
import { formatNumber, penaltyLabel } from '../format';
import { numeric, TableHead } from './TableHead';

interface Props {
  trial: TrialJson;
  metric: string;
  /** The data loss the learning curves record: mse (linear) or logloss (logistic). */
  lossName: string;
  onClose: () => void;
}

export function TrialDetails({ trial, metric, lossName, onClose }: Props) {
  const folds = trial.folds ?? []; // the server sends them only when asked (`include=folds`)
  const withCurves = folds.filter((fold) => fold.learningCurve && fold.learningCurve.epochs.length > 0);
  // Start with a cross-validation fold: fold 0 (all rows) has no validation rows, so no validation curve.
  const [curveFold, setCurveFold] = useState((withCurves.find((f) => f.fold > 0) ?? withCurves[0])?.fold ?? null);
  const shownCurve = withCurves.find((fold) => fold.fold === curveFold)?.learningCurve;
  return (
    <div className="trial-details" data-testid="trial-details">
      <div className="toolbar">
        <h4>
          Trial {penaltyLabel(trial.penalty, trial.l1Ratio)}, λ = {formatNumber(trial.lambda)}
        </h4>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <table className="compact">
        <TableHead
          columns={[
            'fold',
            numeric('train rows'),
            numeric('validation rows'),
            numeric(`train ${metric}`),
            numeric(`validation ${metric}`),
            numeric('iterations'),
            'converged',
            'status',
          ]}
        />
        <tbody>
          {folds.map((fold) => (
            <tr key={fold.fold}>
              <td>{fold.fold === 0 ? 'all rows' : fold.fold}</td>
              <td className="num">{fold.trainSize}</td>
              <td className="num">{fold.validationSize}</td>
              <td className="num">{formatNumber(fold.train)}</td>
              <td className="num">{formatNumber(fold.validation)}</td>
              <td className="num">{fold.iterations}</td>
              <td>{fold.converged ? 'yes' : 'no'}</td>
              <td title={fold.reason ?? undefined}>{fold.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {withCurves.length > 0 && shownCurve && (
        <div className="learning-curves">
          <label>
            Learning curve of fold{' '}
            <select value={curveFold ?? ''} onChange={(event) => setCurveFold(Number(event.target.value))}>
              {withCurves.map((fold) => (
                <option key={fold.fold} value={fold.fold}>
                  {fold.fold === 0 ? 'all rows' : fold.fold}
                </option>
              ))}
            </select>
          </label>
          <LearningCurveChart curve={shownCurve} loss={lossName} />
        </div>
      )}
    </div>
  );
}
