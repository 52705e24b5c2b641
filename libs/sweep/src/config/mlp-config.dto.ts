/**
 * The `model: mlp` parts of a sweep config (SPEC §7): `network`, and the sgd/adam solver fields. Fields that a
 * sweep may search over are validated by IsSweepable (plain value, {choices}, or {range} for numbers).
 */
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from './class-validator-parts';
import { IsSweepable, type Sweepable } from './sweepable';

export const ACTIVATIONS = ['relu', 'tanh', 'logistic'] as const;
export const OUTPUTS = ['linear', 'logistic', 'softmax'] as const;
export const MAX_HIDDEN_LAYERS = 4;
export const MAX_LAYER_SIZE = 4096;
export const MAX_BATCH_SIZE = 1_000_000;

const FINITE = { allowNaN: false, allowInfinity: false };

export const isHiddenLayers = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  value.length <= MAX_HIDDEN_LAYERS &&
  value.every((size) => Number.isSafeInteger(size) && size >= 1 && size <= MAX_LAYER_SIZE);
export const isActivation = (value: unknown): boolean => ACTIVATIONS.includes(value as never);
export const isPositiveNumber = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;
export const isBatchSize = (value: unknown): boolean =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_BATCH_SIZE;

export class NetworkDto {
  @IsOptional()
  @IsSweepable(`0–${MAX_HIDDEN_LAYERS} layer sizes, each an integer 1–${MAX_LAYER_SIZE}`, isHiddenLayers, false)
  hidden?: Sweepable<number[]>;

  @IsOptional()
  @IsSweepable(`one of ${ACTIVATIONS.join(', ')}`, isActivation, false)
  activation?: Sweepable<(typeof ACTIVATIONS)[number]>;

  @IsOptional() @IsIn(OUTPUTS) output?: (typeof OUTPUTS)[number];
}

export class EarlyStoppingDto {
  @Max(1_000_000) @Min(1) @IsInt() patience!: number;
  @IsOptional() @Min(0) @IsNumber(FINITE) minDelta?: number;
}
