import { Algorithm, hash, verify } from '@node-rs/argon2';

// `Algorithm` is a const enum: compilers that do not inline it (swc) see an empty object, so
// the value is spelled out.
const ARGON2ID: Algorithm = 2;

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: the OWASP baseline) and a
 * random salt per hash; the PHC string carries the parameters, so they can be raised later.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A stored hash that cannot be parsed never matches.
    return false;
  }
}
