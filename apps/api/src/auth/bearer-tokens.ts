import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_KINDS = ['session', 'api'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** The prefix tells a session token from an API token at a glance (and to secret scanners). */
export const TOKEN_PREFIX: Record<TokenKind, string> = { session: 'ips_', api: 'ipt_' };

/** A prefix and 32 random bytes in base64url (43 characters). */
const TOKEN_PATTERN = /^ip[st]_[A-Za-z0-9_-]{43}$/;

export function generateToken(kind: TokenKind): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Only a person's session may ride in the browser's cookie, never a machine's API token. */
export function isSessionToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX.session);
}

/**
 * What is stored and looked up instead of the token. A plain sha256 is enough here, unlike for
 * passwords: the token carries 256 random bits, so there is nothing to guess by brute force and
 * a slow, salted hash would only slow down every request.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
