import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRead } from '../openapi/api-responses';
import { CompareQueryDto } from './compare-query.dto';
import { CompareService } from './compare.service';

@ApiTags('sweeps')
@Controller('compare')
export class CompareController {
  constructor(private readonly comparisons: CompareService) {}

  @Get()
  @ApiRead(
    'sweeps side by side: validation curves per penalty, best model, test score, dataset, config differences',
    'Comparison',
    { id: true },
  )
  @Header('Content-Type', 'application/json; charset=utf-8')
  compare(@Query() query: CompareQueryDto) {
    return this.comparisons.compareJson(query.sweeps); // JSON text, cached once every sweep in it has finished
  }
}
