import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRead, ApiWrite, ApiWriteRefusals } from '../openapi/api-responses';
import { PageQueryDto } from '../common/page';
import {
  CreateSchedulePipe,
  UpdateSchedulePipe,
  type ScheduleChanges,
  type ScheduleFields,
} from './schedule-body.pipe';
import { CreateScheduleDto, UpdateScheduleDto } from './schedule.dto';
import { ScheduleHistoryService } from './schedule-history.service';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly history: ScheduleHistoryService,
  ) {}

  @Post()
  @ApiWrite('create a cron schedule that submits a sweep config at every tick', [201, 'Schedule', 'stored and armed'])
  @ApiBody({ type: CreateScheduleDto })
  create(@Body(CreateSchedulePipe) fields: ScheduleFields) {
    return this.schedules.create(fields);
  }

  @Get()
  @ApiRead('the schedules, newest first, each with its next tick', 'SchedulePage')
  list(@Query() query: PageQueryDto) {
    return this.schedules.list(query.page, query.pageSize);
  }

  @Get(':id')
  @ApiRead('one schedule', 'Schedule', { id: true })
  get(@Param('id') id: string) {
    return this.schedules.get(id);
  }

  @Patch(':id')
  @ApiWrite(
    'pause/resume (enabled) or change cron, timezone, overlap, sweep; applies at once',
    [200, 'Schedule', 'changed (and re-armed or stopped)'],
    { id: true },
  )
  @ApiBody({ type: UpdateScheduleDto })
  update(@Param('id') id: string, @Body(UpdateSchedulePipe) changes: ScheduleChanges) {
    return this.schedules.update(id, changes);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'stop and delete; the sweeps it started stay, with scheduleId set to null' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiWriteRefusals({ id: true })
  remove(@Param('id') id: string) {
    return this.schedules.remove(id);
  }

  @Get(':id/runs')
  @ApiRead(
    'the sweeps it started, newest first, with each best λ and its drift from the run before',
    'ScheduleRunPage',
    { id: true },
  )
  runs(@Param('id') id: string, @Query() query: PageQueryDto) {
    return this.history.runs(id, query.page, query.pageSize);
  }

  @Get(':id/firings')
  @ApiRead('every tick, newest first: started, skipped, queued or failed', 'ScheduleFiringPage', { id: true })
  firings(@Param('id') id: string, @Query() query: PageQueryDto) {
    return this.history.firings(id, query.page, query.pageSize);
  }
}
