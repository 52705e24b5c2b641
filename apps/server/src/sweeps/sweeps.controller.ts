import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Sse } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiRead, ApiReadRefusals, ApiWrite } from '../openapi/api-responses';
import { ref } from '../openapi/schema-parts';
import type { SweepConfig } from '@regsweep/sweep';
import { SweepConfigPipe } from './sweep-config.pipe';
import { SweepListQueryDto, SweepReportQueryDto } from './sweep-query.dto';
import { SweepsService } from './sweeps.service';
import { SweepTrackingDto, SweepTrackingPipe } from './sweep-tracking.dto';
import type { SweepTracking } from '../store/store-types';

@ApiTags('sweeps')
@Controller('sweeps')
export class SweepsController {
  constructor(private readonly sweeps: SweepsService) {}

  @Post()
  @HttpCode(202)
  @ApiWrite('submit a sweep config; it runs in the background', [202, 'SweepSubmitted', 'stored and queued'])
  @ApiBody({ description: 'a sweep config (SPEC §2)', schema: ref('SweepConfig') })
  async submit(@Body(SweepConfigPipe) config: SweepConfig) {
    const { id, status } = await this.sweeps.submit(config);
    return { id, status };
  }

  @Get()
  @ApiRead(
    'the sweeps, each with its best model once it has one; filtered (AND across fields, OR within one) and sorted',
    'SweepPage',
  )
  list(@Query() query: SweepListQueryDto) {
    const { page, pageSize, sort, order, createdFrom, createdTo, ...filters } = query;
    return this.sweeps.list({
      ...filters,
      page,
      pageSize,
      sort: sort ?? 'createdAt',
      order: order ?? 'desc',
      createdFrom: createdFrom === undefined ? undefined : new Date(createdFrom),
      createdTo: createdTo === undefined ? undefined : new Date(createdTo),
    });
  }

  @Get(':id')
  @ApiRead('one sweep with its progress', 'Sweep', { id: true })
  get(@Param('id') id: string) {
    return this.sweeps.get(id);
  }

  @Patch(':id')
  @ApiWrite('set the tags and/or notes (an absent field is kept)', [200, 'Sweep', 'changed'], { id: true })
  @ApiBody({ type: SweepTrackingDto })
  track(@Param('id') id: string, @Body(SweepTrackingPipe) tracking: SweepTracking) {
    return this.sweeps.track(id, tracking);
  }

  @Get(':id/report')
  @ApiRead('the report: per penalty the curve, λmin, λ1se, the overfitting verdict; the best model', 'Report', {
    id: true,
    extra: [409],
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  report(@Param('id') id: string, @Query() query: SweepReportQueryDto) {
    return this.sweeps.reportJson(id, query.maxPoints); // cached JSON text, sent as it is
  }

  @Sse(':id/events')
  @ApiOperation({ summary: 'server-sent events: progress, trial, completed' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'an event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiReadRefusals({ id: true })
  events(@Param('id') id: string) {
    return this.sweeps.events(id);
  }

  @Post(':id/rerun')
  @HttpCode(202)
  @ApiWrite(
    'run again: the identical config on the same dataset version, as a new sweep',
    [202, 'SweepSubmitted', 'stored and queued'],
    { id: true },
  )
  async rerun(@Param('id') id: string) {
    const { id: rerunId, status } = await this.sweeps.rerun(id);
    return { id: rerunId, status };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiWrite('cancel: running tasks are aborted, finished trials kept', [200, 'Sweep', 'cancelled'], {
    id: true,
    extra: [409],
  })
  cancel(@Param('id') id: string) {
    return this.sweeps.cancel(id);
  }
}
