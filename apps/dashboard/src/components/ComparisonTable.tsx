/** Every penalty side by side at its own λmin and λ1se, then the paired fold comparisons. */
import type { PenaltyReport, SweepReport } from '../api/types';
import { formatNumber, penaltyLabel } from '../format';
import { numeric, TableHead } from './TableHead';

function pointAt(report: PenaltyReport, lambda: number | null) {
  return lambda === null ? undefined : report.curve.find((point) => point.lambda === lambda);
}

export function ComparisonTable({ report }: { report: SweepReport }) {
  const best = report.best;
  return (
    <>
      <table data-testid="penalty-comparison">
        <TableHead
          columns={[
            'penalty',
            numeric('λmin'),
            numeric('validation at λmin'),
            numeric('λ1se'),
            numeric('validation at λ1se'),
            numeric('gap at λmin'),
            numeric('nonzeros at λ1se'),
            'grid edge',
          ]}
        />
        <tbody>
          {report.penalties.map((p) => {
            const atMin = pointAt(p, p.lambdaMin);
            const at1se = pointAt(p, p.lambda1se);
            const isBest = best?.penalty === p.penalty && best.l1Ratio === p.l1Ratio;
            return (
              <tr key={`${p.penalty}-${p.l1Ratio}`} className={isBest ? 'best-row' : undefined}>
                <td>
                  {penaltyLabel(p.penalty, p.l1Ratio)}
                  {isBest && ' ★'}
                </td>
                <td className="num">{formatNumber(p.lambdaMin)}</td>
                <td className="num">
                  {formatNumber(atMin?.validation)}
                  {atMin?.validationSd != null && <span className="muted"> ± {formatNumber(atMin.validationSd)}</span>}
                </td>
                <td className="num">{formatNumber(p.lambda1se)}</td>
                <td className="num">{formatNumber(at1se?.validation)}</td>
                <td className="num">{formatNumber(p.overfitting.gapAtLambdaMin)}</td>
                <td className="num">{at1se?.nonzeros ?? '—'}</td>
                <td>{p.overfitting.edge}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.comparison.length > 0 && (
        <table className="compact" data-testid="paired-comparison">
          <caption>
            Paired comparison over folds, each penalty at its chosen λ (difference = a − b, {report.metric})
          </caption>
          <TableHead
            columns={['a', 'b', numeric('mean difference'), numeric('sd of difference'), numeric('p-value (paired t)')]}
          />
          <tbody>
            {report.comparison.map((c, i) => (
              <tr key={i}>
                <td>{penaltyLabel(c.a.penalty, c.a.l1Ratio)}</td>
                <td>{penaltyLabel(c.b.penalty, c.b.l1Ratio)}</td>
                <td className="num">{formatNumber(c.meanDifference)}</td>
                <td className="num">{formatNumber(c.sdDifference)}</td>
                <td className="num">{formatNumber(c.pValue, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
