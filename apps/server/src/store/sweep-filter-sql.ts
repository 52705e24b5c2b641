import type { SweepFilters } from './store-types';

/** How one driver spells what the sweep filters need. */
export interface FilterDialect {
  /** The placeholder of parameter number `n` (1-based): SQLite's TypeORM builder `:fN`, PostgreSQL `$N`. */
  placeholder(n: number): string;
  /** A date as the driver compares it with the stored `createdAt`. */
  date(value: Date): unknown;
  /** `column` contains the LIKE pattern `placeholder`, ASCII letters (at least) of either case alike, `\` escaping. */
  containsIgnoringAsciiCase(column: string, placeholder: string): string;
}

/**
 * The WHERE clause (without the keyword; '' when nothing filters) of the sweep list's filters on the table `"sweep"`,
 * with its parameters in order. AND across fields, OR (IN) within one. Every value is a parameter: only the column
 * names here reach the SQL text. Tags and penalties are looked up in their own tables through their indexes, the
 * dataset by name across versions: an id stands for its dataset's name.
 */
export function sweepFilterSql(
  filters: SweepFilters,
  dialect: FilterDialect,
): { where: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (value: unknown): string => {
    parameters.push(value);
    return dialect.placeholder(parameters.length);
  };
  const list = (values: readonly unknown[]): string => values.map(param).join(', ');
  const conditions: string[] = [];
  const some = (values: readonly string[] | undefined): values is readonly string[] =>
    values !== undefined && values.length > 0;

  if (some(filters.name)) {
    const terms = filters.name.map((part) =>
      dialect.containsIgnoringAsciiCase('"sweep"."name"', param(`%${escapeLike(part)}%`)),
    );
    conditions.push(`(${terms.join(' OR ')})`);
  }
  if (some(filters.tag)) {
    // EXISTS, not IN (subquery): the planner then walks the page's order and looks each sweep's tags up by index,
    // instead of reading every tagged sweep's row.
    conditions.push(
      `EXISTS (SELECT 1 FROM "sweep_tag" WHERE "sweep_tag"."sweepId" = "sweep"."id" ` +
        `AND "sweep_tag"."tag" IN (${list(filters.tag)}))`,
    );
  }
  if (some(filters.status)) conditions.push(`"sweep"."status" IN (${list(filters.status)})`);
  if (some(filters.dataset)) {
    conditions.push(
      `"sweep"."datasetId" IN (SELECT "id" FROM "dataset" WHERE "name" IN (${list(filters.dataset)}) ` +
        `OR "name" IN (SELECT "name" FROM "dataset" WHERE "id" IN (${list(filters.dataset)})))`,
    );
  }
  if (some(filters.model)) conditions.push(`"sweep"."model" IN (${list(filters.model)})`);
  if (some(filters.penalty)) {
    conditions.push(
      `EXISTS (SELECT 1 FROM "sweep_penalty" WHERE "sweep_penalty"."sweepId" = "sweep"."id" ` +
        `AND "sweep_penalty"."penalty" IN (${list(filters.penalty)}))`,
    );
  }
  if (filters.createdFrom) conditions.push(`"sweep"."createdAt" >= ${param(dialect.date(filters.createdFrom))}`);
  if (filters.createdTo) conditions.push(`"sweep"."createdAt" < ${param(dialect.date(filters.createdTo))}`);
  if (some(filters.scheduleId)) conditions.push(`"sweep"."scheduleId" IN (${list(filters.scheduleId)})`);
  return { where: conditions.join(' AND '), parameters };
}

/** The text with `%`, `_` and `\` matched literally by LIKE … ESCAPE '\'. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
