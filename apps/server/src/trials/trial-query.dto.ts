import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { SortOrderDto } from '../common/page';
import { TRIAL_SORTS, type TrialSort } from '../store/store-types';

const PENALTIES = ['none', 'l1', 'l2', 'elasticnet'];

/** `GET /api/sweeps/:id/trials?page&pageSize&sort&order&penalty`; without `sort`, the plan's order (curve, then decreasing λ). */
export class TrialListQueryDto extends SortOrderDto {
  @ApiPropertyOptional({ enum: TRIAL_SORTS })
  @IsOptional()
  @IsIn(TRIAL_SORTS)
  sort?: TrialSort;

  @ApiPropertyOptional({ enum: PENALTIES })
  @IsOptional()
  @IsIn(PENALTIES)
  penalty?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: "include each gd fold's learning curve (large)" })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  learningCurves?: boolean;
}
