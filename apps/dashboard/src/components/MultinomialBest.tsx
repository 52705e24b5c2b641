/**
 * A multinomial sweep's best model (SPEC §7): the per-class coefficient table (one column per class, glmnet's coef()
 * layout; a feature every class dropped is greyed) and, with test rows, the confusion matrix of the chosen model.
 */
import type { MultinomialBestModel } from '@regsweep/sweep';
import { formatNumber } from '../format';

export function MultinomialCoefficients({ best }: { best: MultinomialBestModel }) {
  const classes = Object.keys(best.intercept);
  const features = Object.keys(best.coefficients[classes[0]] ?? {});
  return (
    <table className="compact per-class" data-testid="class-coefficients">
      <ClassHeader corner="coefficient" classes={classes} />
      <tbody>
        <tr>
          <td>(intercept)</td>
          {classes.map((label) => (
            <td key={label} className="num">
              {formatNumber(best.intercept[label])}
            </td>
          ))}
        </tr>
        {features.map((name) => {
          const dropped = classes.every((label) => best.coefficients[label][name] === 0);
          return (
            <tr key={name} className={dropped ? 'zero' : undefined}>
              <td>{name}</td>
              {classes.map((label) => (
                <td key={label} className="num">
                  {formatNumber(best.coefficients[label][name])}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ConfusionMatrix({ confusion }: { confusion: { classes: readonly string[]; counts: number[][] } }) {
  const { classes, counts } = confusion;
  return (
    <table className="compact confusion" data-testid="confusion-matrix">
      <caption>Test rows: actual class (rows) by predicted class (columns)</caption>
      <ClassHeader corner="actual \ predicted" classes={classes} />
      <tbody>
        {counts.map((row, k) => (
          <tr key={classes[k]}>
            <th scope="row">{classes[k]}</th>
            {row.map((count, j) => (
              <td key={classes[j]} className={j === k ? 'num diagonal' : 'num'}>
                {count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A table head with one column per class, after a corner cell saying what the rows are. */
function ClassHeader({ corner, classes }: { corner: string; classes: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th>{corner}</th>
        {classes.map((label) => (
          <th key={label} className="num">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
