/**
 * A network or solver field that a sweep may search over (SPEC §7): its plain value, `{choices: [...]}` (one value
 * per trial from the list), or `{range: {min, max, scale: log|linear}}` for numbers. Validated by one decorator per
 * field, which checks the plain value or every choice with the field's own rule.
 */
import { ValidateBy } from './class-validator-parts';
import { MAX_CHOICES } from './sweepable-value';

export { isChoices, isRange, isSwept, MAX_CHOICES, type Sweepable, type SweepRange } from './sweepable-value';

/**
 * The decorator: `check` is the rule for one value (`what` describes it for the message); `numeric` allows the
 * range form, whose bounds must both pass `check`, with min < max, and be > 0 for a log scale.
 */
export function IsSweepable(what: string, check: (value: unknown) => boolean, numeric: boolean): PropertyDecorator {
  return ValidateBy({
    name: 'isSweepable',
    validator: {
      validate: (value: unknown) => sweepableProblem(value, check, numeric) === null,
      defaultMessage: (args) => `${sweepableProblem(args?.value, check, numeric) ?? 'is invalid'} (${what})`,
    },
  });
}

function sweepableProblem(value: unknown, check: (value: unknown) => boolean, numeric: boolean): string | null {
  if (check(value)) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a valid value';
  const keys = Object.keys(value);
  const form = numeric ? '{choices: [...]} or {range: {min, max, scale}}' : '{choices: [...]}';
  if (keys.length !== 1 || !(keys[0] === 'choices' || (numeric && keys[0] === 'range'))) {
    return `must be a value or ${form}`;
  }
  if ('choices' in value) {
    const choices = (value as { choices: unknown }).choices;
    if (!Array.isArray(choices) || choices.length < 1 || choices.length > MAX_CHOICES) {
      return `choices must be a list of 1 to ${MAX_CHOICES} values`;
    }
    const bad = choices.findIndex((choice) => !check(choice));
    return bad < 0 ? null : `choices.${bad} must be a valid value`;
  }
  const range = (value as { range: unknown }).range as Record<string, unknown> | null;
  if (typeof range !== 'object' || range === null) return 'range must be {min, max, scale}';
  const extra = Object.keys(range).filter((key) => !['min', 'max', 'scale'].includes(key));
  if (extra.length > 0) return `range.${extra[0]} is not a known field`;
  const { min, max, scale = 'log' } = range;
  if (!check(min) || !check(max)) return 'range.min and range.max must be valid values';
  if (!((min as number) < (max as number))) return `range.min must be less than range.max (min ${min}, max ${max})`;
  if (scale !== 'log' && scale !== 'linear') return 'range.scale must be log or linear';
  if (scale === 'log' && !((min as number) > 0)) return 'range.min must be > 0 on a log scale';
  return null;
}
