/**
 * The parts of class-validator the sweep config uses, each required from its own module. Its package index loads
 * every decorator, hence validator.js and libphonenumber (about 320 modules, the largest share of what the CLI's
 * `sweep` loaded: docs/benchmarks.md, "CLI start-up"); these modules load about 40. Same decorators, same metadata
 * storage (class-validator keeps it on the global object), so the same checks and messages.
 */
import type * as ClassValidator from 'class-validator';

type Exports = typeof ClassValidator;

// CommonJS's require, declared here: the dashboard's type check reaches this file through the config's types and
// has no Node types.
declare const require: (id: string) => unknown;

function part<K extends keyof Exports>(path: string, name: K): Exports[K] {
  return (require(`class-validator/cjs/${path}`) as Exports)[name];
}

export const ArrayMaxSize = part('decorator/array/ArrayMaxSize', 'ArrayMaxSize');
export const ArrayMinSize = part('decorator/array/ArrayMinSize', 'ArrayMinSize');
export const IsArray = part('decorator/typechecker/IsArray', 'IsArray');
export const IsBoolean = part('decorator/typechecker/IsBoolean', 'IsBoolean');
export const IsIn = part('decorator/common/IsIn', 'IsIn');
export const IsInt = part('decorator/typechecker/IsInt', 'IsInt');
export const IsNumber = part('decorator/typechecker/IsNumber', 'IsNumber');
export const IsObject = part('decorator/typechecker/IsObject', 'IsObject');
export const IsOptional = part('decorator/common/IsOptional', 'IsOptional');
export const IsPositive = part('decorator/number/IsPositive', 'IsPositive');
export const IsString = part('decorator/typechecker/IsString', 'IsString');
export const Length = part('decorator/string/Length', 'Length');
export const Max = part('decorator/number/Max', 'Max');
export const Min = part('decorator/number/Min', 'Min');
export const ValidateBy = part('decorator/common/ValidateBy', 'ValidateBy');
export const ValidateNested = part('decorator/common/ValidateNested', 'ValidateNested');
export const registerDecorator = part('register-decorator', 'registerDecorator');

/** class-validator's validateSync(object, options), as its index defines it: the container's Validator. */
export function validateSync(
  object: object,
  options?: ClassValidator.ValidatorOptions,
): ClassValidator.ValidationError[] {
  const { getFromContainer } = require('class-validator/cjs/container') as Exports;
  const { Validator } = require('class-validator/cjs/validation/Validator') as Exports;
  return getFromContainer(Validator).validateSync(object, options);
}
