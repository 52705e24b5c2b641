import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { InvalidInputError, validationProblems } from '@regsweep/errors';
import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { displayNameProblem } from '../common/display-name';
import type { SweepTracking } from '../store/store-types';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 64;
export const MAX_NOTES_LENGTH = 10_000;

/** Why `tag` cannot be a tag (null when it can). */
export function tagProblem(tag: unknown): string | null {
  if (typeof tag !== 'string') return 'must be a string';
  if (tag.length < 1 || tag.length > MAX_TAG_LENGTH) return `must be 1–${MAX_TAG_LENGTH} characters long`;
  if (tag.includes(',')) return 'may not hold a comma (a comma separates tags in the list filter)';
  if (tag.trim() !== tag) return 'may not start or end with white space';
  return displayNameProblem(tag);
}

/** Every item of the list is a tag; the message names the first that is not, by its index. */
function AreTags(): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (!Array.isArray(value)) return 'must be a list of strings';
    for (const [index, tag] of value.entries()) {
      const wrong = tagProblem(tag);
      if (wrong) return `tag ${index} ${wrong}`;
    }
    return null;
  };
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'areTags',
      target: object.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => problem(args?.value) ?? '',
      },
    });
}

/** Notes are text of several lines: the display-name rule, newlines and tabs allowed. */
function IsNotesText(): PropertyDecorator {
  const problem = (text: string) => displayNameProblem(text.replace(/[\n\r\t]/g, ' '));
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotesText',
      target: object.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' ? (problem(args.value) ?? '') : 'must be a string'),
      },
    });
}

/**
 * `PATCH /api/sweeps/:id` (SPEC §7): the tags replace the stored list (`[]` removes them all), the notes the stored
 * text; an absent field is kept. A tag holds no comma (the list's `tag=a,b` reads a comma as OR) and no leading or
 * trailing space.
 */
export class SweepTrackingDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGS,
    uniqueItems: true,
    description: `at most ${MAX_TAGS} distinct tags of 1–${MAX_TAG_LENGTH} characters, without commas`,
    example: ['baseline', 'paper'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @ArrayUnique({ message: 'tags must be distinct' })
  @AreTags()
  tags?: string[];

  @ApiPropertyOptional({ maxLength: MAX_NOTES_LENGTH, description: 'free text; "" clears it' })
  @IsOptional()
  @IsNotesText()
  @MaxLength(MAX_NOTES_LENGTH)
  @IsString()
  notes?: string;
}

/** Validates a PATCH body: an object of known fields, at least one of them, every problem in one 400. */
@Injectable()
export class SweepTrackingPipe implements PipeTransform<unknown, SweepTracking> {
  transform(raw: unknown): SweepTracking {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidInputError([{ path: '', message: 'the body must be a JSON object {tags?, notes?}' }]);
    }
    const dto = plainToInstance(SweepTrackingDto, raw);
    const problems = validationProblems(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }),
    );
    if (problems.length > 0) throw new InvalidInputError(problems);
    if (dto.tags === undefined && dto.notes === undefined) {
      throw new InvalidInputError([{ path: '', message: 'give tags, notes or both' }]);
    }
    return {
      ...(dto.tags !== undefined ? { tags: dto.tags } : {}),
      ...(dto.notes !== undefined ? { notes: dto.notes } : {}),
    };
  }
}
