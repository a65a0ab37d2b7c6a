import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LIMITS, STAGES } from '@app/domain';
import type { Stage } from '@app/domain';
import { queryBoolean } from '../../common/dto/page.query';

export const PROJECT_SORTS = ['updatedAt', 'createdAt', 'title', 'nextDueAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export class ListProjectsQuery {
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @IsOptional()
  @IsIn(['ACTIVE', 'ON_HOLD', 'CLOSED'])
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text.college)
  college?: string;

  @IsOptional()
  @IsUUID(undefined, { message: 'mentorId must be a mentor id (a uuid)' })
  mentorId?: string;

  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  needsAttention?: boolean;

  /** Only projects with a pending step past its due time. */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  /** Text in the title (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text.title)
  q?: string;

  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: ProjectSort;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
