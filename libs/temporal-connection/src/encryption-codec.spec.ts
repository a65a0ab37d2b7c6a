import { defaultPayloadConverter } from '@temporalio/common';
import { generatePayloadKey, parsePayloadKeys } from '@app/config';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, UnknownPayloadKeyError } from './encryption-codec';

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString();

describe('AesGcmPayloadCodec', () => {
  const oldKeys = parsePayloadKeys(generatePayloadKey());
  const rotated = parsePayloadKeys(`${generatePayloadKey()},${generatePayloadKey()}`);
  const value = { memberId: 'u-1234', summary: '石墨烯电池 plan' };
  const plain = defaultPayloadConverter.toPayload(value);

  it('encrypts a payload so neither its value nor its encoding shows, and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec(oldKeys);
    const [sealed] = await codec.encode([plain]);
    expect(text(sealed.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata?.['encryption-key-id'])).toBe(oldKeys[0].id);
    expect(text(sealed.data)).not.toContain('u-1234');
    expect(text(sealed.data)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(value);
  });

  it('passes payloads that are not encrypted through unchanged', async () => {
    const [same] = await new AesGcmPayloadCodec(oldKeys).decode([plain]);
    expect(same).toBe(plain);
  });

  it('encrypts with the newest key and still decrypts payloads of an older one', async () => {
    const [old] = await new AesGcmPayloadCodec(oldKeys).encode([plain]);
    const codec = new AesGcmPayloadCodec([...oldKeys, ...rotated]);
    expect(codec.encryptingKeyId).toBe(rotated[1].id);
    const [fresh] = await codec.encode([plain]);
    expect(text(fresh.metadata?.['encryption-key-id'])).toBe(rotated[1].id);
    const decoded = await codec.decode([old, fresh]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      value,
      value,
    ]);
  });

  it('names the key it lacks, and refuses a tampered payload', async () => {
    const [old] = await new AesGcmPayloadCodec(oldKeys).encode([plain]);
    await expect(new AesGcmPayloadCodec(rotated).decode([old])).rejects.toThrow(
      UnknownPayloadKeyError,
    );
    const tampered = Buffer.from(old.data ?? []);
    tampered[20] ^= 1;
    await expect(
      new AesGcmPayloadCodec(oldKeys).decode([{ ...old, data: tampered }]),
    ).rejects.toThrow(/unable to authenticate|auth/i);
  });
});

describe('parsePayloadKeys', () => {
  it('reads id:base64 entries oldest first', () => {
    const [a, b] = [generatePayloadKey(), generatePayloadKey()];
    const keys = parsePayloadKeys(` ${a} , ${b} `);
    expect(keys.map((key) => key.id)).toEqual([a.split(':')[0], b.split(':')[0]]);
    expect(keys.every((key) => key.key.length === 32)).toBe(true);
    expect(parsePayloadKeys('')).toEqual([]);
  });

  it.each([
    ['no-colon', /entry 1 must be "id:base64key"/],
    ['k1:c2hvcnQ=', /key "k1" must be 32 bytes/],
    [
      `k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32).toString('base64')}`,
      /listed twice/,
    ],
  ])('refuses %s', (entry, message) => {
    expect(() => parsePayloadKeys(entry)).toThrow(message);
  });
});
