import { createHash } from 'node:crypto';
import { generateToken, hashToken, isWellFormedToken } from './bearer-tokens';

describe('bearer tokens', () => {
  it.each([
    ['session', /^ips_[A-Za-z0-9_-]{43}$/],
    ['api', /^ipt_[A-Za-z0-9_-]{43}$/],
  ] as const)('a %s token is its prefix and 32 random bytes in base64url', (kind, pattern) => {
    const token = generateToken(kind);
    expect(token).toMatch(pattern);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(generateToken(kind)).not.toBe(token);
  });

  it.each([
    '',
    'ips_',
    'ipx_' + 'a'.repeat(43),
    'ips_' + 'a'.repeat(42),
    'ips_' + 'a'.repeat(44),
    'ips_' + 'a'.repeat(42) + '=',
    'ips_' + 'a'.repeat(42) + '.',
  ])('refuses the shape of %j', (token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });

  it('stores the sha256 of the whole token', () => {
    const token = generateToken('api');
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });
});
