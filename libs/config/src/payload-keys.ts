import { randomBytes } from 'node:crypto';

/** One AES-256 key of the payload codec, with the id written into every payload it encrypts. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;

/**
 * Parses TEMPORAL_PAYLOAD_KEYS: `id:base64key` entries, comma-separated, oldest first. The last
 * one encrypts new payloads; every one listed still decrypts the payloads written with it, so a
 * rotation appends a key and removes none while any history or archived run holds the old one.
 * Throws naming the entry and the rule, never the key material.
 */
export function parsePayloadKeys(text: string): PayloadKey[] {
  const keys: PayloadKey[] = [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    if (!KEY_ID.test(id)) {
      throw new Error(
        `entry ${index + 1} must be "id:base64key" with an id of letters, digits, ".", "_" or "-"`,
      );
    }
    const material = entry.slice(colon + 1);
    const key = Buffer.from(material, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material) || key.length !== KEY_BYTES) {
      throw new Error(`key "${id}" must be ${KEY_BYTES} bytes in base64 (AES-256)`);
    }
    if (keys.some((known) => known.id === id)) throw new Error(`key id "${id}" is listed twice`);
    keys.push({ id, key });
  }
  return keys;
}

/** A new key entry for TEMPORAL_PAYLOAD_KEYS: an id naming its day and 32 random bytes. */
export function generatePayloadKey(now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `${day}.${randomBytes(3).toString('hex')}:${randomBytes(KEY_BYTES).toString('base64')}`;
}
