/** Why an attempt was refused, as written to the security log. */
export const SECURITY_REASONS = [
  'missing-token',
  'malformed-token',
  'unknown-token',
  'expired-token',
  'revoked-token',
  'inactive-user',
  'unknown-user',
  'bad-password',
  'forbidden-role',
  'reviewer-read-only',
  'not-your-project',
  'sign-in-lockout',
  'sign-in-locked',
] as const;
export type SecurityReason = (typeof SECURITY_REASONS)[number];
