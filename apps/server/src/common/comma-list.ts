import { Transform } from 'class-transformer';

/**
 * A query field that lists values: `f=a,b` and `f=a&f=b` alike become ['a', 'b'] (parts trimmed). A value that is
 * not a string is passed on as it is, for the field's own validators to refuse.
 */
export function CommaList(): PropertyDecorator {
  return Transform(({ value }) =>
    [value].flat().flatMap((part) => (typeof part === 'string' ? part.split(',').map((name) => name.trim()) : [part])),
  );
}
