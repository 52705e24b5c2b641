import { Body, Controller, Get, HttpCode, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { SweepConfig } from '@regsweep/sweep';
import { SweepConfigPipe } from './sweep-config.pipe';
import { SweepListQueryDto, SweepReportQueryDto } from './sweep-query.dto';
import { SweepsService } from './sweeps.service';

@ApiTags('sweeps')
@Controller('sweeps')
export class SweepsController {
  constructor(private readonly sweeps: SweepsService) {}

  @Post()
  @HttpCode(202)
  @ApiBody({ description: 'a sweep config (SPEC §2)', schema: { type: 'object' } })
  async submit(@Body(SweepConfigPipe) config: SweepConfig) {
    const { id, status } = await this.sweeps.submit(config);
    return { id, status };
  }

  @Get()
  list(@Query() query: SweepListQueryDto) {
    return this.sweeps.list({
      page: query.page,
      pageSize: query.pageSize,
      sort: query.sort ?? 'createdAt',
      order: query.order ?? 'desc',
      status: query.status,
    });
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.sweeps.get(id);
  }

  @Get(':id/report')
  report(@Param('id') id: string, @Query() query: SweepReportQueryDto) {
    return this.sweeps.report(id, query.maxPoints);
  }

  @Sse(':id/events')
  events(@Param('id') id: string) {
    return this.sweeps.events(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string) {
    return this.sweeps.cancel(id);
  }
}
