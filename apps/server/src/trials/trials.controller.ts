import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiReadRefusals } from '../openapi/api-responses';
import { TrialListQueryDto } from './trial-query.dto';
import { TrialsService } from './trials.service';

@ApiTags('sweeps')
@Controller('sweeps/:id/trials')
export class TrialsController {
  constructor(private readonly trials: TrialsService) {}

  @Get()
  @ApiOperation({ summary: "a page of the sweep's trials with their per-fold results" })
  @ApiAnswer(200, 'TrialPage')
  @ApiReadRefusals({ id: true })
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
