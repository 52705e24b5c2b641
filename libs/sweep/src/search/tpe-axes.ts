/**
 * The axes TPE asks, each on its search scale, with how a finished trial's value is read onto it (undefined when the
 * trial has no such axis) and how a drawn value is turned back into the point's value:
 *   lambda   log λ over a logUniform domain (clipped back into [min, max]), an index over listed values
 *   fields   an index over `{choices}` (matched by JSON text); a `{range}` on its scale (log x; clipped; integers rounded)
 * An axis with a single value is no axis (undefined): that value is the point's.
 */
import type { FieldDomain, LambdaDomain, TrialOutcome } from './sampler';

/** An axis on its search scale: numerical values are already transformed (log λ), categorical ones are indices. */
export type TpeAxis =
  | { readonly kind: 'numerical'; readonly low: number; readonly high: number }
  | { readonly kind: 'categorical'; readonly count: number };

export interface SpaceAxis<T> {
  readonly axis: TpeAxis;
  readonly valueOf: (t: TrialOutcome) => number | undefined;
  readonly decode: (x: number) => T;
}

export function lambdaAxis(domain: LambdaDomain): SpaceAxis<number> | undefined {
  if (domain.kind === 'values') {
    const values = Array.from(domain.values);
    if (values.length === 1) return undefined;
    return {
      axis: { kind: 'categorical', count: values.length },
      valueOf: (t) => choiceIndex(values, t.point.lambda),
      decode: (i) => values[i],
    };
  }
  const { min, max } = domain;
  return {
    axis: { kind: 'numerical', low: Math.log(min), high: Math.log(max) },
    valueOf: (t) => (t.point.lambda >= min && t.point.lambda <= max ? Math.log(t.point.lambda) : undefined),
    decode: (x) => Math.min(Math.max(Math.exp(x), min), max),
  };
}

export function fieldAxis(field: FieldDomain): SpaceAxis<unknown> | undefined {
  const valueOf = (t: TrialOutcome) => t.point.fields?.[field.name];
  if (field.kind === 'choices') {
    if (field.choices.length === 1) return undefined;
    const texts = field.choices.map((choice) => JSON.stringify(choice));
    return {
      axis: { kind: 'categorical', count: texts.length },
      valueOf: (t) => choiceIndex(texts, JSON.stringify(valueOf(t))),
      decode: (i) => field.choices[i],
    };
  }
  const log = field.scale === 'log';
  const toAxis = (x: number) => (log ? Math.log(x) : x);
  return {
    axis: { kind: 'numerical', low: toAxis(field.min), high: toAxis(field.max) },
    valueOf: (t) => {
      const x = valueOf(t);
      return typeof x === 'number' && x >= field.min && x <= field.max ? toAxis(x) : undefined;
    },
    decode: (drawn) => {
      const x = Math.min(Math.max(log ? Math.exp(drawn) : drawn, field.min), field.max);
      return field.integer ? Math.round(x) : x;
    },
  };
}

/** The λ of a domain with a single value (no axis). */
export function singleLambda(domain: LambdaDomain): number {
  return domain.kind === 'values' ? domain.values[0] : domain.min;
}

/** The value of a field with a single choice (no axis). */
export function singleValue(field: FieldDomain): unknown {
  return field.kind === 'choices' ? field.choices[0] : field.min;
}

/** A choice's index as an observation: undefined when the trial did not choose among `choices`. */
export function choiceIndex<T>(choices: readonly T[], chosen: T): number | undefined {
  const index = choices.indexOf(chosen);
  return index >= 0 ? index : undefined;
}
