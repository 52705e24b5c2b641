import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRead } from '../openapi/api-responses';
import { TrialListQueryDto } from './trial-query.dto';
import { TrialsService } from './trials.service';

@ApiTags('sweeps')
@Controller('sweeps/:id/trials')
export class TrialsController {
  constructor(private readonly trials: TrialsService) {}

  @Get()
  @ApiRead("a page of the sweep's trials with their per-fold results", 'TrialPage', { id: true })
  list(@Param('id') sweepId: string, @Query() query: TrialListQueryDto) {
    return this.trials.page(
      sweepId,
      {
        page: query.page,
        pageSize: query.pageSize,
        sort: query.sort,
        order: query.order ?? 'asc',
        penalty: query.penalty,
      },
      {
        folds: query.include?.includes('folds') === true || query.learningCurves === true,
        coefficients: query.include?.includes('coefficients') === true,
        learningCurves: query.learningCurves === true,
      },
    );
  }
}
