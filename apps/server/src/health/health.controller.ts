import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiReadRefusals } from '../openapi/api-responses';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@Public() // liveness probes carry no token, even when reads need one
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Liveness plus a database round trip. */
  @Get()
  @ApiOperation({ summary: 'liveness plus a database round trip (never needs a token)' })
  @ApiAnswer(200, 'Health')
  @ApiReadRefusals({ only: [421, 503] })
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'error', database: String(error) });
    }
    return { status: 'ok', database: 'ok' };
  }
}
