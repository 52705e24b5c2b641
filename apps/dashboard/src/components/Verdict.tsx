/** The overfitting diagnosis of one penalty, in plain words. */
import type { PenaltyReport } from '../api/types';

const edgeAdvice = {
  none: null,
  small: 'The chosen λ is the smallest of the grid: extend the grid towards smaller λ.',
  large: 'The chosen λ is the largest of the grid: extend the grid towards larger λ.',
} as const;

export function Verdict({ report }: { report: PenaltyReport }) {
  const { verdict, overfitsAtSmallLambda, underfitsAtLargeLambda, edge } = report.overfitting;
  return (
    <div className="verdict" data-testid="verdict">
      <p>{verdict}</p>
      <ul className="tags">
        <li className={overfitsAtSmallLambda ? 'tag tag-warn' : 'tag'}>
          {overfitsAtSmallLambda ? 'Overfits at small λ' : 'No overfitting at small λ'}
        </li>
        <li className={underfitsAtLargeLambda ? 'tag tag-warn' : 'tag'}>
          {underfitsAtLargeLambda ? 'Underfits at large λ' : 'No underfitting at large λ'}
        </li>
      </ul>
      {edgeAdvice[edge] && <p className="edge">{edgeAdvice[edge]}</p>}
    </div>
  );
}
