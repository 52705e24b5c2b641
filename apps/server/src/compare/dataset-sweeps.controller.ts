import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page';
import { ApiRead } from '../openapi/api-responses';
import { DatasetSweepsService } from './dataset-sweeps.service';

@ApiTags('datasets')
@Controller('datasets')
export class DatasetSweepsController {
  constructor(private readonly datasetSweeps: DatasetSweepsService) {}

  @Get(':id/sweeps')
  @ApiRead('every sweep on any version of this dataset (an id or a name), oldest first', 'SweepPage', { id: true })
  list(@Param('id') reference: string, @Query() query: PageQueryDto) {
    return this.datasetSweeps.list(reference, query.page, query.pageSize);
  }
}
