import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommaList } from '../common/comma-list';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 20;

/** `GET /api/compare?sweeps=a,b,…` (or `sweeps=a&sweeps=b`): 2 to 20 distinct sweep ids. */
export class CompareQueryDto {
  @ApiProperty({
    type: String,
    description: `comma-separated sweep ids, ${MIN_COMPARED} to ${MAX_COMPARED}, each once`,
    example: '3f1c…,9a2e…',
  })
  @CommaList()
  @IsArray()
  @ArrayMinSize(MIN_COMPARED, { message: `must list at least ${MIN_COMPARED} sweep ids` })
  @ArrayMaxSize(MAX_COMPARED, { message: `must list at most ${MAX_COMPARED} sweep ids` })
  @ArrayUnique({ message: 'must list each sweep id once' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'must not hold an empty id' })
  @MaxLength(100, { each: true })
  sweeps: string[] = [];
}
