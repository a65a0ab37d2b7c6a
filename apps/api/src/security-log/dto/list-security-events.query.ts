import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SECURITY_REASONS, type SecurityReason } from '../security-reasons';

export class ListSecurityEventsQuery {
  @IsOptional()
  @IsIn(SECURITY_REASONS)
  reason?: SecurityReason;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  username?: string;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be a nextCursor value from an earlier page' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}
