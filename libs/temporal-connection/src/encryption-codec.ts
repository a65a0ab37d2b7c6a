import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKey } from '@app/config';

/** The `encoding` of an encrypted payload; any other payload passes through untouched. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with, so a rotated-out key still decodes. */
export const KEY_ID_METADATA = 'encryption-key-id';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A payload's metadata value as text, or undefined. */
function metadataText(payload: Payload, key: string): string | undefined {
  const value = payload.metadata?.[key];
  return value ? fromUtf8.decode(value) : undefined;
}

export class UnknownPayloadKeyError extends Error {
  constructor(readonly keyId: string) {
    super(
      `a payload is encrypted with key "${keyId}", which this process does not hold: add that key to TEMPORAL_PAYLOAD_KEYS`,
    );
    this.name = 'UnknownPayloadKeyError';
  }
}

/**
 * AES-256-GCM over the whole original payload (its metadata too, so the encoding of the value
 * is hidden as well). The payload becomes `nonce ‖ ciphertext ‖ tag`, with the key id both in
 * the metadata and in the authenticated data, so a payload cannot be passed off under another
 * key's id. Payloads that are not encrypted (histories written before the codec, or by a process
 * without keys) decode as they are, which keeps the recorded fixtures and old runs readable.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PayloadKey;

  /** `keys` oldest first: the last one encrypts, all of them decrypt. */
  constructor(keys: PayloadKey[]) {
    if (keys.length === 0) throw new Error('the payload codec needs at least one key');
    this.byId = new Map(keys.map((key) => [key.id, key.key]));
    this.current = keys[keys.length - 1];
  }

  get encryptingKeyId(): string {
    return this.current.id;
  }

  // Async so a bad payload rejects the promise rather than throwing at the caller.
  // eslint-disable-next-line @typescript-eslint/require-await
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
    cipher.setAAD(utf8.encode(this.current.id));
    const sealed = Buffer.concat([
      nonce,
      cipher.update(plain),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return {
      metadata: {
        encoding: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(this.current.id),
      },
      data: new Uint8Array(sealed),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (metadataText(payload, 'encoding') !== ENCRYPTED_ENCODING) return payload;
    const keyId = metadataText(payload, KEY_ID_METADATA) ?? '';
    const key = this.byId.get(keyId);
    if (!key) throw new UnknownPayloadKeyError(keyId);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < NONCE_BYTES + TAG_BYTES) {
      throw new Error(`an encrypted payload (key "${keyId}") is too short to be one`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(utf8.encode(keyId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const decoded = temporal.api.common.v1.Payload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}
