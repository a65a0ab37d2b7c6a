import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateApiTokenDto {
  /** What the token is for, e.g. "nightly metrics export". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  /** Defaults to API_TOKEN_DEFAULT_TTL_DAYS; at most API_TOKEN_MAX_TTL_DAYS. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3_650)
  expiresInDays?: number;
}
