import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CONTACT_OUTCOMES, INVESTOR_KINDS, LIMITS } from '@app/domain';
import type { ContactOutcome, InvestorKind } from '@app/domain';
import { DecisionBodyDto, ID_PATTERN } from './decision-base.dto';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class InvestorContactDto extends DecisionBodyDto {
  /** Chosen by the client, so the contact can be amended later. */
  @IsString()
  @MaxLength(LIMITS.text.id)
  @Matches(ID_PATTERN, { message: 'contactId must be letters, digits and . _ : -' })
  contactId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.investorName)
  investorName!: string;

  @IsIn(INVESTOR_KINDS)
  kind!: InvestorKind;

  @Matches(DATE_PATTERN, { message: 'date must be a calendar date YYYY-MM-DD' })
  date!: string;

  @IsIn(CONTACT_OUTCOMES)
  outcome!: ContactOutcome;

  /** Integer fen (CNY cents). */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;
}

export class RecordInvestorContactDto extends InvestorContactDto {}

export class AmendInvestorContactDto extends InvestorContactDto {
  @IsString()
  @MinLength(1, { message: 'reason is required' })
  @MaxLength(LIMITS.text.reason)
  reason!: string;
}
