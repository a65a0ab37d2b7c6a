import { InvestorContact } from './investor-contact.types';

/** What one contact draws on the innovation practice fund's yearly budget. */
export interface PracticeFundDraw {
  /** The year of the contact's date (an Asia/Shanghai calendar date). */
  year: number;
  amountFen: number;
}

/**
 * Grants and investments of the kind "innovation practice fund" draw on the budget of their
 * date's year; term sheets (and meetings, declines) do not.
 */
export function practiceFundDrawOf(contact: InvestorContact | undefined): PracticeFundDraw | null {
  if (!contact || contact.kind !== 'innovation_practice_fund') return null;
  if (contact.outcome !== 'grant' && contact.outcome !== 'invested') return null;
  if (contact.amountFen <= 0) return null;
  return { year: Number(contact.date.slice(0, 4)), amountFen: contact.amountFen };
}
