/** The one conversion of class-validator's errors to `{path, message}`, on real DTOs, and the error-text helpers. */
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested, validateSync } from 'class-validator';
import { errorMessage, errorWithName, InvalidInputError, validationProblems } from '../src';

class SplitDto {
  @IsInt()
  @Min(2)
  folds!: number;
}

class ConfigDto {
  @IsString()
  name!: string;

  @Max(10, { each: true })
  sizes!: number[];

  @ValidateNested()
  @Type(() => SplitDto)
  split!: SplitDto;
}

function errorsOf(raw: object) {
  return validateSync(plainToInstance(ConfigDto, raw), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
  });
}

describe('validationProblems', () => {
  it('joins nested paths, names unknown fields and drops the property name from the messages', () => {
    const problems = validationProblems(
      errorsOf({ name: 3, sizes: [1], split: { folds: 1, extra: true }, colour: 'red' }),
    );
    // In class-validator's order; compared as a set.
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'must be a string' },
        { path: 'split.folds', message: 'must not be less than 2' },
        { path: 'split.extra', message: 'is not a known field' },
        { path: 'colour', message: 'is not a known field' },
      ]),
    );
  });

  it('hangs the paths under a parent, and lets a caller expand a constraint into its own problems', () => {
    const problems = validationProblems(errorsOf({ name: 'a', sizes: [1, 20, 3, 30], split: { folds: 5 } }), {
      parent: 'sweep',
      expand: (constraint, error, path) =>
        constraint === 'max' && Array.isArray(error.value)
          ? (error.value as number[]).flatMap((v, i) => (v > 10 ? [{ path: `${path}.${i}`, message: 'too big' }] : []))
          : undefined,
    });
    expect(problems).toEqual([
      { path: 'sweep.sizes.1', message: 'too big' },
      { path: 'sweep.sizes.3', message: 'too big' },
    ]);
    expect(validationProblems(errorsOf({ name: 'a', sizes: [1], split: { folds: 5 } }))).toEqual([]);
  });
});

describe('error text', () => {
  it('InvalidInputError carries its problems and says them in one line', () => {
    const error = new InvalidInputError([
      { path: 'a', message: 'is bad' },
      { path: 'b.c', message: 'is worse' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidInputError');
    expect(error.message).toBe('a: is bad; b.c: is worse');
    expect(errorMessage(error)).toBe('a: is bad; b.c: is worse');
  });

  it('says what any thrown value was', () => {
    expect(errorMessage(new RangeError('out'))).toBe('out');
    expect(errorWithName(new RangeError('out'))).toBe('RangeError: out');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorWithName(42)).toBe('42');
  });
});
