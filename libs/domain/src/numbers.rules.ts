import { Refusal, ruleRefused } from './refusal.types';

/** 100% in basis points: shares are integers so "sums to exactly 100%" is exact. */
export const BASIS_POINTS_WHOLE = 10000;

export function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Money is integer fen (CNY cents): floats would lose cents when summed in metrics. */
export function checkFen(value: unknown, field: string): Refusal[] {
  return isNonNegativeSafeInteger(value)
    ? []
    : [ruleRefused('fen', `${field} must be a non-negative whole number of fen.`, field)];
}

export function isBasisPoints(value: unknown): value is number {
  return isNonNegativeSafeInteger(value) && value <= BASIS_POINTS_WHOLE;
}

export function checkBasisPoints(value: unknown, field: string): Refusal[] {
  return isBasisPoints(value)
    ? []
    : [
        ruleRefused(
          'basis-points',
          `${field} must be a whole number of basis points from 0 to ${BASIS_POINTS_WHOLE}.`,
          field,
        ),
      ];
}
