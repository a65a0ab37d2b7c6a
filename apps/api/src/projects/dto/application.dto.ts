import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { DEGREES, LIMITS, PATENT_STATUSES, TEAM_ROLES } from '@app/domain';
import type { Application, Degree, IpAsset, PatentStatus, TeamMember, TeamRole } from '@app/domain';

/**
 * Upper bound on list sizes accepted at the edge. The eligibility rule (1–15 members) is the
 * domain's and answers 422 naming the rule; this bound only keeps absurd bodies out.
 */
const HARD_LIST_CAP = 100;

export class TeamMemberDto implements TeamMember {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.name)
  name!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.memberId)
  memberId!: string;

  @IsIn(TEAM_ROLES)
  role!: TeamRole;

  @IsIn(DEGREES)
  degree!: Degree;

  @IsBoolean()
  partyMember!: boolean;

  @Optional()
  @IsString()
  @MaxLength(LIMITS.text.affiliation)
  affiliation?: string;
}

export class IpAssetDto implements IpAsset {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.patentNumber)
  patentNumber!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.patentTitle)
  title!: string;

  @IsIn(PATENT_STATUSES)
  status!: PatentStatus;
}

/** An application as staff submit it; eligibility is judged after the shape. */
export class ApplicationDto implements Application {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.title)
  title!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.summary)
  summary!: string;

  @IsArray()
  @ArrayMaxSize(LIMITS.list.fieldTags)
  @IsString({ each: true })
  @MaxLength(LIMITS.text.tag, { each: true })
  fieldTags!: string[];

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.college)
  college!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.partyBranch)
  partyBranch!: string;

  @IsArray()
  @ArrayMaxSize(HARD_LIST_CAP)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  teamMembers!: TeamMemberDto[];

  @IsInt()
  @Min(LIMITS.technologyReadinessLevel.min)
  @Max(LIMITS.technologyReadinessLevel.max)
  technologyReadinessLevel!: number;

  @IsArray()
  @ArrayMaxSize(LIMITS.list.ipAssets)
  @ValidateNested({ each: true })
  @Type(() => IpAssetDto)
  ipAssets!: IpAssetDto[];

  /** Integer fen (CNY cents). */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fundingRequestedFen!: number;

  @Optional()
  @IsArray()
  @ArrayMaxSize(LIMITS.list.declaredConflicts)
  @IsString({ each: true })
  @MaxLength(LIMITS.text.organisation, { each: true })
  declaredConflicts?: string[];

  /** A rejected team applying again refers to its earlier project. */
  @Optional()
  @IsUUID()
  previousProjectId?: string;
}
