import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/dto/optional';

export class CreateApiTokenDto {
  /** What the token is for, e.g. "nightly metrics export". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  /** Defaults to API_TOKEN_DEFAULT_TTL_DAYS; at most API_TOKEN_MAX_TTL_DAYS. */
  // Absent is the default; null is no number (IsOptional let it through, the full fuzz run
  // found it).
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3_650)
  expiresInDays?: number;
}
