/**
 * A sweepable field's value forms (sweepable.ts validates them): no class-validator here, so the plan (and the worker
 * threads, which plan too) load without it.
 */
export interface SweepRange {
  readonly min: number;
  readonly max: number;
  readonly scale: 'log' | 'linear';
}

export type Sweepable<T> = T | { readonly choices: readonly T[] } | { readonly range: SweepRange };

export const MAX_CHOICES = 100;

export function isChoices<T>(value: Sweepable<T>): value is { readonly choices: readonly T[] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'choices' in value;
}

export function isRange<T>(value: Sweepable<T>): value is { readonly range: SweepRange } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'range' in value;
}

/** Whether the field is searched over (more than its one plain value). */
export function isSwept<T>(value: Sweepable<T>): boolean {
  return isChoices(value) || isRange(value);
}
