import { Type } from 'class-transformer';
import {
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from '@app/domain';
import type { IpShares } from '@app/domain';
import { CommentedDecisionDto, DecisionBodyDto } from './decision-base.dto';
import { DATE_PATTERN } from './investment-decisions.dto';

/** Basis points: 10000 = 100%. Their sum is a domain rule (422), not a shape rule. */
export class IpSharesDto implements IpShares {
  @IsInt() @Min(0) @Max(10000) universityBp!: number;
  @IsInt() @Min(0) @Max(10000) localGovernmentBp!: number;
  @IsInt() @Min(0) @Max(10000) enterpriseBp!: number;
}

export class CompanyDto extends DecisionBodyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.companyName)
  companyName!: string;

  /** Unified social credit code; its GB 32100-2015 check character is a domain rule (422). */
  @IsString()
  @MaxLength(18)
  uscc!: string;

  @Matches(DATE_PATTERN, { message: 'registrationDate must be a calendar date YYYY-MM-DD' })
  registrationDate!: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  registeredCapitalFen!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  jobsCreated!: number;

  @ValidateNested()
  @Type(() => IpSharesDto)
  ipShares!: IpSharesDto;

  @IsInt()
  @Min(0)
  @Max(10000)
  rdTeamProfitShareBp!: number;
}

export class RecordCompanyDto extends CompanyDto {}

export class AmendCompanyDto extends CompanyDto {
  @IsString()
  @MinLength(1, { message: 'reason is required' })
  @MaxLength(LIMITS.text.reason)
  reason!: string;
}

export class ApproveIncubationDto extends CommentedDecisionDto {}
