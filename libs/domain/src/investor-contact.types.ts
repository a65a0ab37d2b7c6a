export const INVESTOR_KINDS = [
  'vc',
  'angel',
  'enterprise',
  'government_fund',
  'innovation_practice_fund',
] as const;
export type InvestorKind = (typeof INVESTOR_KINDS)[number];

export const CONTACT_OUTCOMES = ['meeting', 'term_sheet', 'declined', 'invested', 'grant'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Outcomes that commit money: the INVESTOR_CONTACT stage needs at least one. */
export const COMMITMENT_OUTCOMES: readonly ContactOutcome[] = ['term_sheet', 'invested', 'grant'];

export function isCommitment(outcome: ContactOutcome): boolean {
  return COMMITMENT_OUTCOMES.includes(outcome);
}

export interface InvestorContact {
  /** Chosen by the client so a retried request cannot record the contact twice. */
  contactId: string;
  investorName: string;
  kind: InvestorKind;
  /** YYYY-MM-DD. */
  date: string;
  outcome: ContactOutcome;
  amountFen: number;
}
