import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsDisplayName } from '../common/display-name';

/** The text fields of a multipart CSV upload (the CSV itself is the `file` field). */
export class UploadDatasetDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description: 'not a built-in name nor shaped like a dataset id (409); no control or bidi characters',
  })
  @IsDisplayName()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ description: 'target column; default: the last column' })
  @IsOptional()
  @IsDisplayName()
  @IsString()
  @Length(1, 200)
  target?: string;

  @ApiPropertyOptional({
    enum: ['linear', 'logistic', 'multinomial'],
    description:
      'logistic: the target must be 0/1; multinomial: text labels or integer class codes, at least 2 (checked now)',
  })
  @IsOptional()
  @IsIn(['linear', 'logistic', 'multinomial'])
  model?: 'linear' | 'logistic' | 'multinomial';
}
