/**
 * The parts of a page of trials (`trialPage`) that both drivers share: the columns read, the ORDER BY, and the rows
 * made into TrialJson with their folds. A driver supplies how it writes a name (`quote`), what makes its text order
 * byte order (`textOrder`), and how it stores a boolean (`flag`: SQLite 0/1, PostgreSQL boolean).
 */
import type { StoredLearningCurve } from '../trials/fold-result.entity';
import type { FoldJson, TrialJson, TrialListQuery } from './store-types';
import { fullFitJson, parseJson } from './trial-json-columns';

export interface TrialPageDialect<Flag> {
  quote(name: string): string;
  /** Appended to a text column in ORDER BY: the byte order SQLite uses (PostgreSQL: COLLATE "C"). */
  readonly textOrder: string;
  flag(value: Flag): boolean;
}

const TRIAL_COLUMNS = (
  'id key curve lambdaIndex penalty l1Ratio lambda status trainMean validationMean validationSd gap nonzeros ' +
  'intercept iterations converged reason prunedStep prunedValue'
).split(' ');
const FOLD_COLUMNS = 'trialId fold trainSize validationSize train validation iterations converged status reason';
/** The sort keys (TrialSort), each a column's name: looked up here, never interpolated from the request. */
const SORT_KEYS: ReadonlySet<string> = new Set('lambda validationMean trainMean gap nonzeros penalty'.split(' '));

export interface TrialPageRow<Flag> extends Omit<TrialJson, 'converged' | 'coefficients' | 'intercepts' | 'folds'> {
  converged: Flag | null;
  coefficients?: string | null;
  intercepts?: string | null;
}

export interface FoldPageRow<Flag> extends Omit<FoldJson, 'converged' | 'learningCurve'> {
  trialId: number;
  converged: Flag;
  learningCurve?: string | null;
}

export class TrialPageSql<Flag> {
  constructor(private readonly dialect: TrialPageDialect<Flag>) {}

  columns(coefficients: boolean): string {
    const names = coefficients ? [...TRIAL_COLUMNS, 'coefficients', 'intercepts'] : TRIAL_COLUMNS;
    return names.map(this.dialect.quote).join(', ');
  }

  /** NULL metrics (failed or not yet evaluated trials) go last in either direction; ties and no sort by position. */
  order(query: TrialListQuery): string {
    const q = this.dialect.quote;
    if (query.sort === undefined) return `${q('curve')} ASC, ${q('lambdaIndex')} ASC, ${q('id')} ASC`;
    if (!SORT_KEYS.has(query.sort)) throw new Error(`unknown trial sort "${query.sort}"`);
    const column = q(query.sort) + (query.sort === 'penalty' ? this.dialect.textOrder : '');
    return `${column} ${query.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${q('id')} ASC`;
  }

  /** Keys in one order on both drivers (converged after reason), so their answers serialize alike. */
  items(rows: readonly TrialPageRow<Flag>[], coefficients: boolean): TrialJson[] {
    return rows.map(({ converged, coefficients: fit, intercepts, ...row }) => ({
      ...row,
      converged: converged === null ? null : this.dialect.flag(converged),
      ...(coefficients ? fullFitJson(fit, intercepts) : {}),
    }));
  }

  foldColumns(learningCurves: boolean): string {
    const names = FOLD_COLUMNS.split(' ');
    return (learningCurves ? [...names, 'learningCurve'] : names).map(this.dialect.quote).join(', ');
  }

  /** Sets each item's folds from the fold rows of the page's trials. */
  attachFolds(items: readonly TrialJson[], rows: readonly FoldPageRow<Flag>[], learningCurves: boolean): void {
    const byTrial = new Map<number, FoldJson[]>(items.map((item) => [item.id, []]));
    for (const { trialId, converged, learningCurve, ...fold } of rows) {
      byTrial.get(trialId)!.push({
        ...fold,
        converged: this.dialect.flag(converged),
        ...(learningCurves ? { learningCurve: parseJson<StoredLearningCurve>(learningCurve) } : {}),
      });
    }
    for (const item of items) item.folds = byTrial.get(item.id)!;
  }
}
