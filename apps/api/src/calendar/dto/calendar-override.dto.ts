import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CalendarOverrideDto {
  /** The day, in the Asia/Shanghai calendar. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a calendar date YYYY-MM-DD' })
  date!: string;

  /** `holiday`: not a working day; `workday`: an adjusted working day (调休), e.g. a Sunday. */
  @IsIn(['holiday', 'workday'])
  kind!: 'holiday' | 'workday';

  /** Why, e.g. "2027 Spring Festival (State Council notice)". */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  note!: string;
}

export class ListCalendarOverridesQuery {
  /** Only the overrides of this year. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}
