import { Controller, Get, Header, Param, Query } from '@nestjs/common';
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
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@Param('id') sweepId: string, @Query() query: TrialListQueryDto) {
    // JSON text, sent as it is (a finished sweep's pages are cached as text)
    return this.trials.pageJson(
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
