import { CronTime, validateCronExpression } from 'cron';

/** Schedules without a `timezone` read their expression in UTC, whatever the server's own zone. */
export const DEFAULT_TIMEZONE = 'UTC';

/** Why `expression` is not a cron expression of 5 fields (minute first) or 6 (seconds first); null when it is. */
export function cronExpressionProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).filter(Boolean).length;
  if (fields !== 5 && fields !== 6) {
    return `must have 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), got ${fields}`;
  }
  const { valid, error } = validateCronExpression(expression);
  if (!valid) return `is not a valid cron expression: ${error?.message ?? 'unknown error'}`;
  return nextCronTick(expression, DEFAULT_TIMEZONE) === null ? NEVER_FIRES : null;
}

/** A valid expression that no date matches (`0 0 31 2 *`, 31 February): the cron package finds no tick. */
export const NEVER_FIRES = 'never fires: no date matches it (e.g. the 31st of a month that has 30 days or fewer)';

/** Why `zone` is not an IANA time zone name (both Intl and the cron package's luxon must know it); null when it is. */
export function timeZoneProblem(zone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    new CronTime('* * * * *', zone);
    return null;
  } catch {
    return `is not a known IANA time zone (e.g. "UTC", "Europe/Paris"), got "${zone}"`;
  }
}

/**
 * The next tick of a valid expression in `zone`, after now; null when there is none (the cron package searches the
 * next 8 years and throws "No execution date was found" for an expression no date matches).
 */
export function nextCronTick(expression: string, zone: string): Date | null {
  try {
    return new CronTime(expression, zone).sendAt().toJSDate();
  } catch {
    return null;
  }
}
