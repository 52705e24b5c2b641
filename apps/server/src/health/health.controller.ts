import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRead } from '../openapi/api-responses';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@Public() // liveness probes carry no token, even when reads need one
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Liveness plus a database round trip. */
  @Get()
  @ApiRead('liveness plus a database round trip (never needs a token)', 'Health', { only: [421, 503] })
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'error', database: String(error) });
    }
    return { status: 'ok', database: 'ok' };
  }
}
