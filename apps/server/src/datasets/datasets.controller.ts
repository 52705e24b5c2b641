import { Body, Controller, Get, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ApiRead, ApiWrite } from '../openapi/api-responses';
import { InvalidInputError } from '@regsweep/datasets';
import { PageQueryDto } from '../common/page';
import { DatasetsService } from './datasets.service';
import { RejectPrototypeFieldsInterceptor } from './prototype-fields.interceptor';
import { UploadDatasetDto } from './upload-dataset.dto';

/** The part of multer's file object the upload uses (kept in memory, never written to disk). */
interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('datasets')
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Get()
  @ApiRead('the datasets, built-ins included, by name then newest version first', 'DatasetPage')
  list(@Query() query: PageQueryDto) {
    return this.datasets.list(query.page, query.pageSize);
  }

  @Get(':id')
  @ApiRead('one dataset version', 'Dataset', { id: true })
  get(@Param('id') id: string) {
    return this.datasets.get(id);
  }

  @Post()
  @ApiWrite('upload a CSV: a new name, or a new version of an uploaded name', [201, 'Dataset', 'stored'], {
    extra: [409],
  })
  @UseInterceptors(FileInterceptor('file'), RejectPrototypeFieldsInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'name'],
      properties: {
        file: { type: 'string', format: 'binary' },
        name: { type: 'string' },
        target: { type: 'string' },
        model: { type: 'string', enum: ['linear', 'logistic', 'multinomial'] },
      },
    },
  })
  upload(@UploadedFile() file: UploadedCsv | undefined, @Body() body: UploadDatasetDto) {
    if (!file)
      throw new InvalidInputError([{ path: 'file', message: 'a CSV file is required (multipart field "file")' }]);
    return this.datasets.upload(file.buffer, body.name, body.target, file.originalname, body.model);
  }
}
