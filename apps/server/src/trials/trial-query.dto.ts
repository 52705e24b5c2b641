import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CommaList } from '../common/comma-list';
import { SortOrderDto } from '../common/page';
import { TRIAL_SORTS, type TrialSort } from '../store/store-types';

const PENALTIES = ['none', 'l1', 'l2', 'elasticnet'];

/** What a trials page may add to each trial: its fold rows, its full-data coefficients. */
export const TRIAL_INCLUDES = ['folds', 'coefficients'] as const;
export type TrialInclude = (typeof TRIAL_INCLUDES)[number];

/**
 * `GET /api/sweeps/:id/trials?page&pageSize&sort&order&penalty&include`; without `sort`, the plan's order (curve,
 * then decreasing λ). A page is light by default: `include=folds,coefficients` adds each trial's fold rows and its
 * full-data coefficients (`learningCurves=true` adds the fold rows with their gd learning curves).
 */
export class TrialListQueryDto extends SortOrderDto {
  @ApiPropertyOptional({ enum: TRIAL_SORTS })
  @IsOptional()
  @IsIn(TRIAL_SORTS)
  sort?: TrialSort;

  @ApiPropertyOptional({ enum: PENALTIES })
  @IsOptional()
  @IsIn(PENALTIES)
  penalty?: string;

  @ApiPropertyOptional({
    type: String,
    description: "comma-separated: `folds` (each trial's per-fold results), `coefficients` (its full-data fit)",
    example: 'folds,coefficients',
  })
  @IsOptional()
  // `include=folds,coefficients` and `include=folds&include=coefficients` alike.
  @CommaList()
  @IsArray()
  @IsIn(TRIAL_INCLUDES, { each: true })
  include?: TrialInclude[];

  @ApiPropertyOptional({ type: Boolean, default: false, description: "include each gd fold's learning curve (large)" })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  learningCurves?: boolean;
}
