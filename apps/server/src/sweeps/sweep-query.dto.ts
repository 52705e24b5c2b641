import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SortOrderDto } from '../common/page';
import { WholeNumber } from '../common/whole-number';
import type { SweepStatus } from './sweep.entity';
import type { SweepSort } from '../store/store-types';

export const SWEEP_SORTS: readonly SweepSort[] = ['createdAt', 'name', 'status', 'startedAt', 'finishedAt'];
export const SWEEP_STATUSES: readonly SweepStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** `GET /api/sweeps?page&pageSize&sort&order&status` (default: newest first). */
export class SweepListQueryDto extends SortOrderDto {
  @ApiPropertyOptional({ enum: SWEEP_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(SWEEP_SORTS)
  sort?: SweepSort;

  @ApiPropertyOptional({ enum: SWEEP_STATUSES })
  @IsOptional()
  @IsIn(SWEEP_STATUSES)
  status?: SweepStatus;
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
