import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { WholeNumber } from './whole-number';

/** A page of a list (SPEC §4). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page as a repository or store reads it: its items and the total over all pages (the service adds the rest). */
export type PageRows<T> = Pick<Page<T>, 'items' | 'total'>;

export const MAX_PAGE_SIZE = 1000;
/** Far past any list's end, and small enough that (page − 1) · pageSize is an exact SQLite integer. */
export const MAX_PAGE = 1_000_000_000;

/** `?page=1&pageSize=100`; pageSize at most 1000. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 100;
}

/** `order=asc|desc`, for the endpoints that sort. */
export class SortOrderDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
