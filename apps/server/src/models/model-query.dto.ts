import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional } from 'class-validator';

export const MODEL_FORMATS = ['json', 'onnx'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** `GET /api/sweeps/:id/model?format=json|onnx` (default json). */
export class ModelQueryDto {
  @ApiPropertyOptional({ enum: MODEL_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MODEL_FORMATS)
  format?: ModelFormat;
}

/** `POST /api/sweeps/:id/predict` as JSON: `{rows: [{feature: value}]}` (each row checked by the model's reader). */
export class PredictBodyDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: { type: 'number' } } })
  @IsOptional()
  @IsArray()
  rows?: unknown[];
}
