/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 17 characters and a check
 * character, all from a 31-character set that leaves out I, O, Z, S and V (easily misread).
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const USCC_WEIGHTS = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
] as const;

const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const USCC_BODY_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/**
 * The check character for the first 17 characters: 31 − (Σ value × weight mod 31), where a
 * result of 31 is written '0'. Returns null when the input is not 17 valid characters.
 */
export function usccCheckCharacter(first17: string): string | null {
  if (!USCC_BODY_PATTERN.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/** Upper case only: a code is printed in capitals and a lowercase one is refused, not guessed. */
export function isValidUscc(code: string): boolean {
  return USCC_PATTERN.test(code) && usccCheckCharacter(code.slice(0, 17)) === code[17];
}
