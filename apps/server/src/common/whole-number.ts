import { Transform } from 'class-transformer';

/**
 * A query parameter that is a whole number written in plain decimal digits (at most 15, so it is exact as a double).
 * `@Type(() => Number)` used Number(), which also reads "1e3", "0x10", " 5" and "1e300" (then a SQLite datatype
 * mismatch: 500). Anything else stays a string, so @IsInt refuses it with a 400.
 */
export function WholeNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : value,
  );
}
