import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '@regsweep/errors';
import { RejectPrototypeFieldsInterceptor } from '../datasets/prototype-fields.interceptor';
import { ApiAnswer, ApiReadRefusals, ApiWriteRefusals } from '../openapi/api-responses';
import { ref } from '../openapi/schema-parts';
import { ModelQueryDto, PredictBodyDto } from './model-query.dto';
import { ModelsService } from './models.service';

@ApiTags('sweeps')
@ApiExtraModels(PredictBodyDto)
@Controller('sweeps')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get(':id/model')
  @ApiOperation({ summary: 'the best model of a succeeded sweep, as regsweep JSON or ONNX' })
  @ApiOkResponse({
    description:
      'format json: the model; format onnx: the ONNX file (input `features` [N, p], double, or float with precision float32)',
    content: {
      'application/json': { schema: ref('ExportedModel') },
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiReadRefusals({ id: true, extra: [409] })
  async model(@Param('id') id: string, @Query() query: ModelQueryDto) {
    if (query.format !== 'onnx') return this.models.model(id);
    return new StreamableFile(await this.models.onnx(id, query.precision), {
      type: 'application/octet-stream',
      disposition: `attachment; filename="regsweep-${id}.onnx"`,
    });
  }

  @Post(':id/predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'predictions of the sweep’s best model (probabilities of class 1 for a classifier)' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        ref('PredictBodyDto'),
        {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', format: 'binary', description: 'a CSV with a header row' } },
        },
      ],
    },
  })
  @ApiAnswer(200, 'Predictions')
  @ApiWriteRefusals({ id: true, extra: [409] })
  @UseInterceptors(FileInterceptor('file'), RejectPrototypeFieldsInterceptor)
  predict(@Param('id') id: string, @Body() body: PredictBodyDto, @UploadedFile() file: { buffer: Buffer } | undefined) {
    if (file && body.rows !== undefined) {
      throw new InvalidInputError([{ path: 'body', message: 'send either rows (JSON) or a CSV file, not both' }]);
    }
    if (!file && body.rows === undefined) {
      throw new InvalidInputError([
        { path: 'rows', message: 'send {rows: [{feature: value}]} as JSON or a CSV file (multipart field "file")' },
      ]);
    }
    return this.models.predict(id, file ? { csv: file.buffer } : { rows: body.rows });
  }
}
