import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CommaList } from '../common/comma-list';
import { SortOrderDto } from '../common/page';
import { WholeNumber } from '../common/whole-number';
import type { SweepStatus } from './sweep.entity';
import type { SweepSort } from '../store/store-types';

export const SWEEP_SORTS: readonly SweepSort[] = [
  'createdAt',
  'name',
  'status',
  'startedAt',
  'finishedAt',
  'bestValidation',
];
export const SWEEP_STATUSES: readonly SweepStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
export const SWEEP_MODELS = ['linear', 'logistic', 'multinomial', 'mlp'];
export const SWEEP_PENALTIES = ['none', 'l1', 'l2', 'elasticnet'];
/** Values one filter field may list. */
export const MAX_FILTER_VALUES = 100;

/**
 * A filter field of the list: `f=a&f=b` and `f=a,b` alike mean "a or b" (SPEC §7); parts are trimmed and empty ones
 * dropped. `allowed` (an enum) or `uuid` checks each value; the description is the OpenAPI one.
 */
function ListFilter(description: string, check: { allowed?: readonly string[]; uuid?: boolean } = {}) {
  const items = check.allowed ? { type: 'string', enum: [...check.allowed] } : { type: 'string' };
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items,
      style: 'form',
      explode: true,
      description: `${description}; several values (repeated, or comma-separated) mean any of them`,
    } as never),
    IsOptional(),
    CommaList(),
    // Empty parts (`tag=a,,b`, `status=`) say nothing: dropped.
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.filter((part) => part !== '') : value)),
    IsArray(),
    ArrayMaxSize(MAX_FILTER_VALUES),
    ...(check.allowed ? [IsIn(check.allowed, { each: true })] : []),
    ...(check.uuid ? [IsUUID('all', { each: true })] : []),
    MaxLength(200, { each: true }),
    IsString({ each: true }),
  );
}

/**
 * `GET /api/sweeps` with its filters (SPEC §7 "Tracking"): AND across fields, OR within one; sorted by `sort`
 * (default: newest first), paged as every list.
 */
export class SweepListQueryDto extends SortOrderDto {
  @ApiPropertyOptional({
    enum: SWEEP_SORTS,
    default: 'createdAt',
    description: 'bestValidation: the best model’s validation mean in the sweep’s metric; sweeps without one last',
  })
  @IsOptional()
  @IsIn(SWEEP_SORTS)
  sort?: SweepSort;

  @ListFilter('the name contains this text (ASCII letters of either case alike; on PostgreSQL every letter)')
  name?: string[];

  @ListFilter('has this tag')
  tag?: string[];

  @ListFilter('status', { allowed: SWEEP_STATUSES })
  status?: SweepStatus[];

  @ListFilter('on this dataset, a name or an id: either matches every version of that dataset')
  dataset?: string[];

  @ListFilter('model', { allowed: SWEEP_MODELS })
  model?: string[];

  @ListFilter('sweeps this penalty kind (among others)', { allowed: SWEEP_PENALTIES })
  penalty?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'created at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'created before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  @ListFilter('started by this schedule', { uuid: true })
  scheduleId?: string[];
}

/** `GET /api/sweeps/:id/report?maxPoints=500`: each penalty's curve thinned for drawing (ends, λmin, λ1se kept). */
export class SweepReportQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2,
    maximum: 100_000,
    description: 'at most this many curve points per penalty',
  })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(2)
  @Max(100_000)
  maxPoints?: number;
}
