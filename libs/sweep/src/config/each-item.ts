/**
 * Element rules for arrays of plain values (`penalties`, `l1Ratios`, `lambdas.values`, `split.foldIds`).
 *
 * class-validator's `{ each: true }` reports one error for the whole array ("each value in penalties must
 * be …"), but the SPEC wants the path of the bad element (`penalties.1`). So an array property carries an
 * `@EachItem(rule)` constraint named after the rule, and the error flattener looks the rule up by that name
 * to report every bad index on its own.
 */
import { registerDecorator } from './class-validator-parts';

export interface ItemRule {
  /** Constraint name; unique among rules. */
  readonly name: string;
  /** Why `item` (at `index` of `array`) is bad, or null when it is fine. */
  check(item: unknown, index: number, array: readonly unknown[]): string | null;
}

const rulesByName = new Map<string, ItemRule>();

export function itemRule(name: string): ItemRule | undefined {
  return rulesByName.get(name);
}

/** The (index, message) of every element `rule` rejects. */
export function badItems(rule: ItemRule, array: readonly unknown[]): { index: number; message: string }[] {
  const bad: { index: number; message: string }[] = [];
  array.forEach((item, index) => {
    const message = rule.check(item, index, array);
    if (message !== null) bad.push({ index, message });
  });
  return bad;
}

/** Property decorator: every element of the array must pass `rule` (non-arrays are left to `@IsArray`). */
export function EachItem(rule: ItemRule): PropertyDecorator {
  rulesByName.set(rule.name, rule);
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: rule.name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || badItems(rule, value).length === 0,
        defaultMessage: () => `has invalid elements (${rule.name})`,
      },
    });
  };
}

/** An element rule built from a predicate; `mustBe` completes "must be …". */
export function itemMustBe(name: string, mustBe: string, ok: (item: unknown) => boolean): ItemRule {
  return { name, check: (item) => (ok(item) ? null : `must be ${mustBe}, got ${describe(item)}`) };
}

/** Like itemMustBe, and also rejects repeats of an earlier element. */
export function distinctItemMustBe(name: string, mustBe: string, ok: (item: unknown) => boolean): ItemRule {
  return {
    name,
    check: (item, index, array) => {
      if (!ok(item)) return `must be ${mustBe}, got ${describe(item)}`;
      const first = array.indexOf(item);
      return first < index ? `repeats element ${first} (${describe(item)})` : null;
    },
  };
}

/** A short, safe rendering of a bad value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
