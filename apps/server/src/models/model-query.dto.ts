import { ApiPropertyOptional } from '@nestjs/swagger';
import { ONNX_PRECISIONS, type OnnxPrecision } from '@regsweep/models';
import { IsArray, IsIn, IsOptional } from 'class-validator';

export const MODEL_FORMATS = ['json', 'onnx'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** `GET /api/sweeps/:id/model?format=json|onnx[&precision=float64|float32]` (defaults json, float64). */
export class ModelQueryDto {
  @ApiPropertyOptional({ enum: MODEL_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MODEL_FORMATS)
  format?: ModelFormat;

  @ApiPropertyOptional({
    enum: ONNX_PRECISIONS,
    default: 'float64',
    description:
      'format onnx only: float64 (double input; every probability to 1e-6 relative) or float32 (float input, the ' +
      'ai.onnx.ml Scaler + LinearRegressor / LinearClassifier operators for GLMs; float32 precision)',
  })
  @IsOptional()
  @IsIn(ONNX_PRECISIONS)
  precision?: OnnxPrecision;
}

/** `POST /api/sweeps/:id/predict` as JSON: `{rows: [{feature: value}]}` (each row checked by the model's reader). */
export class PredictBodyDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: { type: 'number' } } })
  @IsOptional()
  @IsArray()
  rows?: unknown[];
}
