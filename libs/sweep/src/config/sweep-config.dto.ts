/**
 * The sweep config as it arrives (SPEC §2), field by field with its bounds. Every field but `name`,
 * `dataset` and `model` is optional here; `applyDefaults` fills the gaps. Checks that span several fields
 * (exactly one λ spec, kind-specific fields, metric vs model, …) live in cross-field-checks.ts.
 *
 * Decorators run bottom-up and validation stops at a field's first failure (`stopAtFirstError`), so each
 * field's type check sits nearest the property and the bounds above it: `"10"` for `folds` is reported as
 * "must be an integer", not as "must not be less than 2". Element rules (`@EachItem`) come last, on top.
 */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from './class-validator-parts';
import { distinctItemMustBe, EachItem, itemMustBe } from './each-item';
import { EarlyStoppingDto, isBatchSize, isPositiveNumber, MAX_BATCH_SIZE, NetworkDto } from './mlp-config.dto';
import { IsSweepable, type Sweepable } from './sweepable';

export const MODELS = ['linear', 'logistic', 'mlp', 'multinomial'] as const;
export const PENALTY_KINDS = ['none', 'l1', 'l2', 'elasticnet'] as const;
export const METRICS = ['mse', 'mae', 'r2', 'logloss', 'accuracy', 'auc', 'f1'] as const;
export const SPLIT_KINDS = ['kfold', 'holdout', 'foldIds'] as const;
export const SEARCH_STRATEGIES = ['grid', 'random', 'tpe'] as const;
export const SEARCH_REFITS = ['chosen', 'every'] as const;
export const SOLVER_KINDS = ['cd', 'gd', 'sgd', 'adam'] as const;
export const PRUNER_KINDS = ['none', 'median', 'asha', 'hyperband'] as const;
export const LAMBDA_SCALES = ['log', 'linear'] as const;

export const MAX_LAMBDA_COUNT = 10_000;
export const MAX_TRIALS = 1_000_000;
export const MAX_EPOCHS = 10_000_000;
export const MAX_CONCURRENCY = 64;
export const MAX_TEST_FRACTION = 0.9;
/** A week: a bound that catches unit mistakes (milliseconds) without limiting real fits. */
export const MAX_TASK_TIMEOUT_SECONDS = 604_800;

const FINITE = { allowNaN: false, allowInfinity: false };
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A finite number strictly between `low` and `high` (class-validator's Min/Max are inclusive). */
function IsStrictlyBetween(low: number, high: number): PropertyDecorator {
  return ValidateBy({
    name: 'isStrictlyBetween',
    constraints: [low, high],
    validator: {
      validate: (value: unknown) => isFiniteNumber(value) && value > low && value < high,
      defaultMessage: () => `must be a number strictly between ${low} and ${high}`,
    },
  });
}

/** A non-negative safe integer, used for seeds. */
function IsSeed(): PropertyDecorator {
  return ValidateBy({
    name: 'isSeed',
    validator: {
      validate: (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0,
      defaultMessage: () => 'must be an integer ≥ 0',
    },
  });
}

export class AutoLambdasDto {
  @IsOptional() @Max(MAX_LAMBDA_COUNT) @Min(1) @IsInt() count?: number;
  /** λ_min / λ_max; the engine picks 1e-4 (n > p) or 1e-2 when absent. */
  @IsOptional() @IsStrictlyBetween(0, 1) minRatio?: number;
  /**
   * Extend a curve by a decade at a time while its lambdaMin sits at an end, and refine between lambdaMin's
   * neighbours when it is interior (plan/adaptive-grid.ts, plan/grid-refinement.ts). Default true for linear and
   * logistic; false turns it off.
   */
  @IsOptional() @IsBoolean() adaptive?: boolean;
}

export class RangeLambdasDto {
  @IsPositive() @IsNumber(FINITE) min!: number;
  @IsPositive() @IsNumber(FINITE) max!: number;
  @IsOptional() @Max(MAX_LAMBDA_COUNT) @Min(1) @IsInt() count?: number;
  @IsOptional() @IsIn(LAMBDA_SCALES) scale?: (typeof LAMBDA_SCALES)[number];
}

export class LambdasDto {
  @IsOptional() @Type(() => AutoLambdasDto) @ValidateNested() @IsObject() auto?: AutoLambdasDto;
  @IsOptional() @Type(() => RangeLambdasDto) @ValidateNested() @IsObject() range?: RangeLambdasDto;

  @IsOptional()
  @EachItem(itemMustBe('lambdaValue', 'a finite number ≥ 0', (v) => isFiniteNumber(v) && v >= 0))
  @ArrayMaxSize(MAX_LAMBDA_COUNT)
  @ArrayMinSize(1)
  @IsArray()
  values?: number[];
}

/** All split fields; which ones a kind may use is checked in cross-field-checks.ts (SPLIT_FIELDS). */
export class SplitDto {
  @IsOptional() @IsIn(SPLIT_KINDS) kind?: (typeof SPLIT_KINDS)[number];
  @IsOptional() @Min(2) @IsInt() folds?: number;
  @IsOptional() @IsBoolean() shuffle?: boolean;
  @IsOptional() @IsSeed() seed?: number;
  @IsOptional() @IsStrictlyBetween(0, 1) validationFraction?: number;

  @IsOptional()
  @EachItem(itemMustBe('foldId', 'an integer ≥ 1', (v) => Number.isSafeInteger(v) && (v as number) >= 1))
  @ArrayMinSize(2)
  @IsArray()
  foldIds?: number[];
}

/** All pruner settings; which ones a kind may use is checked in cross-field-checks.ts (PRUNER_FIELDS). */
export class PrunerDto {
  @IsIn(PRUNER_KINDS) kind!: (typeof PRUNER_KINDS)[number];
  @IsOptional() @Max(MAX_TRIALS) @Min(0) @IsInt() startupTrials?: number;
  @IsOptional() @Max(MAX_TRIALS) @Min(0) @IsInt() warmupSteps?: number;
  @IsOptional() @Max(MAX_TRIALS) @Min(1) @IsInt() minTrials?: number;
  @IsOptional() @Max(MAX_TRIALS) @Min(1) @IsInt() minResource?: number;
  @IsOptional() @Max(MAX_EPOCHS) @Min(1) @IsInt() maxResource?: number;
  @IsOptional() @Max(100) @Min(2) @IsInt() reductionFactor?: number;
  @IsOptional() @Max(100) @Min(0) @IsInt() minEarlyStoppingRate?: number;
}

export class SearchDto {
  @IsOptional() @IsIn(SEARCH_STRATEGIES) strategy?: (typeof SEARCH_STRATEGIES)[number];
  @IsOptional() @Max(MAX_TRIALS) @Min(1) @IsInt() trials?: number;
  @IsOptional() @IsSeed() seed?: number;
  @IsOptional() @Type(() => PrunerDto) @ValidateNested() @IsObject() pruner?: PrunerDto;
  /** model mlp only (mlp-checks.ts). */
  @IsOptional() @IsIn(SEARCH_REFITS) refit?: (typeof SEARCH_REFITS)[number];
}

/** All solver fields; which ones a kind may use is checked in cross-field-checks.ts (SOLVER_FIELDS). */
export class SolverDto {
  @IsOptional() @IsIn(SOLVER_KINDS) kind?: (typeof SOLVER_KINDS)[number];
  @IsOptional() @IsPositive() @IsNumber(FINITE) tolerance?: number;
  @IsOptional() @Max(1e9) @Min(1) @IsInt() maxIterations?: number;
  /** A plain number for gd; sgd and adam may sweep it ({choices} or {range}). */
  @IsOptional() @IsSweepable('a number > 0', isPositiveNumber, true) learningRate?: Sweepable<number>;
  @IsOptional() @Max(MAX_EPOCHS) @Min(1) @IsInt() epochs?: number;
  @IsOptional() @Max(0.999) @Min(0) @IsNumber(FINITE) momentum?: number;
  @IsOptional() @IsSweepable(`an integer 1–${MAX_BATCH_SIZE}`, isBatchSize, true) batchSize?: Sweepable<number>;
  @IsOptional() @IsSeed() seed?: number;
  @IsOptional() @Type(() => EarlyStoppingDto) @ValidateNested() @IsObject() earlyStopping?: EarlyStoppingDto;
}

/** model: multinomial only (SPEC §7): glmnet's type.multinomial, "grouped" when true. */
export class MultinomialDto {
  @IsOptional() @IsBoolean() grouped?: boolean;
}

export class SweepConfigDto {
  @Length(1, 200) @IsString() name!: string;
  @Length(1, 1000) @IsString() dataset!: string;
  @IsOptional() @Length(1, 1000) @IsString() target?: string;
  @IsIn(MODELS) model!: (typeof MODELS)[number];

  @IsOptional()
  @EachItem(distinctItemMustBe('penaltyKind', `one of ${PENALTY_KINDS.join(', ')}`, (v) => isOneOf(PENALTY_KINDS, v)))
  @ArrayMinSize(1)
  @IsArray()
  penalties?: (typeof PENALTY_KINDS)[number][];

  @IsOptional()
  @EachItem(
    distinctItemMustBe('l1Ratio', 'a number strictly between 0 and 1', (v) => isFiniteNumber(v) && v > 0 && v < 1),
  )
  @ArrayMaxSize(100)
  @IsArray()
  l1Ratios?: number[];

  @IsOptional() @Type(() => LambdasDto) @ValidateNested() @IsObject() lambdas?: LambdasDto;
  @IsOptional() @Type(() => SplitDto) @ValidateNested() @IsObject() split?: SplitDto;
  @IsOptional() @Max(MAX_TEST_FRACTION) @Min(0) @IsNumber(FINITE) testFraction?: number;
  @IsOptional() @Type(() => SearchDto) @ValidateNested() @IsObject() search?: SearchDto;
  @IsOptional() @Type(() => SolverDto) @ValidateNested() @IsObject() solver?: SolverDto;
  /** model: mlp only (SPEC §7). */
  @IsOptional() @Type(() => NetworkDto) @ValidateNested() @IsObject() network?: NetworkDto;
  /** model: multinomial only (SPEC §7). */
  @IsOptional() @Type(() => MultinomialDto) @ValidateNested() @IsObject() multinomial?: MultinomialDto;
  @IsOptional() @IsBoolean() standardize?: boolean;
  @IsOptional() @IsIn(METRICS) metric?: (typeof METRICS)[number];
  @IsOptional() @IsIn(['min', '1se']) selection?: 'min' | '1se';
  @IsOptional() @Max(MAX_CONCURRENCY) @Min(1) @IsInt() concurrency?: number;
  @IsOptional() @Max(MAX_TASK_TIMEOUT_SECONDS) @IsPositive() @IsNumber(FINITE) taskTimeoutSeconds?: number;
}

function isOneOf<T>(allowed: readonly T[], value: unknown): value is T {
  return allowed.includes(value as T);
}
