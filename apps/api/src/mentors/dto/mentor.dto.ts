import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  Matches,
  MinLength,
} from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { LIMITS } from '@app/domain';
import { PageQuery, queryBoolean } from '../../common/dto/page.query';

/** The most projects one mentor may take; a real mentor takes a handful. */
export const MENTOR_CAPACITY_MAX = 1000;

const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

const trimmedList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((item) => (typeof item === 'string' ? item.trim() : item))
    : value;

/** What a mentor declares about themselves: expertise and conflicts of interest. */
export class MentorSelfProfileDto {
  @Optional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list.expertiseTags)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.text.tag, { each: true })
  // Said in the spec too: an item of spaces alone is refused once trimmed (the fuzz run).
  @Matches(/\S/, { each: true, message: `each value in expertiseTags must not be blank` })
  @Transform(trimmedList)
  expertiseTags?: string[];

  /** Organisations the mentor has a conflict of interest with. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list.declaredConflicts)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.text.organisation, { each: true })
  // Said in the spec too: an item of spaces alone is refused once trimmed (the fuzz run).
  @Matches(/\S/, { each: true, message: `each value in declaredConflicts must not be blank` })
  @Transform(trimmedList)
  declaredConflicts?: string[];
}

export class UpdateMentorDto extends MentorSelfProfileDto {
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.name)
  @Transform(trimmed)
  name?: string;

  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.organisation)
  @Transform(trimmed)
  organisation?: string;

  /** How many active projects the mentor takes at most. */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MENTOR_CAPACITY_MAX)
  capacity?: number;

  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class CreateMentorDto extends MentorSelfProfileDto {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.name)
  @Transform(trimmed)
  name!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.organisation)
  @Transform(trimmed)
  organisation!: string;

  /** How many active projects the mentor takes at most. */
  @IsInt()
  @Min(0)
  @Max(MENTOR_CAPACITY_MAX)
  capacity!: number;

  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class ListMentorsQuery extends PageQuery {
  @Optional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}
