import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TrialListQueryDto } from './trial-query.dto';
import { TrialsService } from './trials.service';

@ApiTags('sweeps')
@Controller('sweeps/:id/trials')
export class TrialsController {
  constructor(private readonly trials: TrialsService) {}

  @Get()
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
      { folds: true, coefficients: true, learningCurves: query.learningCurves ?? false },
    );
  }
}
