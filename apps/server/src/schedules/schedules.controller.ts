import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '../common/page';
import {
  CreateSchedulePipe,
  UpdateSchedulePipe,
  type ScheduleChanges,
  type ScheduleFields,
} from './schedule-body.pipe';
import { CreateScheduleDto, UpdateScheduleDto } from './schedule.dto';
import { ScheduleHistoryService } from './schedule-history.service';
import {
  FIRINGS_PAGE_SCHEMA,
  INVALID_INPUT_SCHEMA,
  RUNS_PAGE_SCHEMA,
  SCHEDULE_PAGE_SCHEMA,
  SCHEDULE_SCHEMA,
} from './schedule.openapi';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly history: ScheduleHistoryService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'create a cron schedule that submits a sweep config at every tick' })
  @ApiBody({ type: CreateScheduleDto })
  @ApiCreatedResponse({ schema: SCHEDULE_SCHEMA })
  @ApiBadRequestResponse({ schema: INVALID_INPUT_SCHEMA, description: 'paths: cron, timezone, sweep.<field>, …' })
  create(@Body(CreateSchedulePipe) fields: ScheduleFields) {
    return this.schedules.create(fields);
  }

  @Get()
  @ApiOkResponse({ schema: SCHEDULE_PAGE_SCHEMA })
  list(@Query() query: PageQueryDto) {
    return this.schedules.list(query.page, query.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ schema: SCHEDULE_SCHEMA })
  get(@Param('id') id: string) {
    return this.schedules.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'pause/resume (enabled) or change cron, timezone, overlap, sweep; applies at once' })
  @ApiBody({ type: UpdateScheduleDto })
  @ApiOkResponse({ schema: SCHEDULE_SCHEMA })
  @ApiBadRequestResponse({ schema: INVALID_INPUT_SCHEMA })
  update(@Param('id') id: string, @Body(UpdateSchedulePipe) changes: ScheduleChanges) {
    return this.schedules.update(id, changes);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'stop and delete; the sweeps it started stay, with scheduleId set to null' })
  @ApiNoContentResponse()
  remove(@Param('id') id: string) {
    return this.schedules.remove(id);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'the sweeps it started, newest first, with each best λ and its drift from the run before' })
  @ApiOkResponse({ schema: RUNS_PAGE_SCHEMA })
  runs(@Param('id') id: string, @Query() query: PageQueryDto) {
    return this.history.runs(id, query.page, query.pageSize);
  }

  @Get(':id/firings')
  @ApiOperation({ summary: 'every tick, newest first: started, skipped, queued or failed' })
  @ApiOkResponse({ schema: FIRINGS_PAGE_SCHEMA })
  firings(@Param('id') id: string, @Query() query: PageQueryDto) {
    return this.history.firings(id, query.page, query.pageSize);
  }
}
