import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id and a fresh salt, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first.startsWith('$argon2id$')).toBe(true);
    expect(second).not.toBe(first);
    await expect(verifyPassword(first, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(first, 'correct horse batterY')).resolves.toBe(false);
  });

  it('never matches a stored value that is not a hash', async () => {
    await expect(verifyPassword('plain text', 'plain text')).resolves.toBe(false);
  });
});
