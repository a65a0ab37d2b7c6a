import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CodecPayloadsDto } from './codec.dto';

const refusedFields = async (metadata: unknown): Promise<string[]> => {
  const body = plainToInstance(CodecPayloadsDto, { payloads: [{ metadata, data: '' }] });
  const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((error) =>
    (error.children ?? []).flatMap((payload) =>
      (payload.children ?? []).map(
        (child) => `${child.property}:${Object.keys(child.constraints ?? {}).join(',')}`,
      ),
    ),
  );
};

describe('a codec payload: metadata keys as Temporal writes them, values in base64', () => {
  it.each([
    ['the SDK’s keys', { encoding: 'anNvbi9wbGFpbg==', 'encryption-key-id': 'a2V5LTE=' }],
    ['no entries', {}],
    ['a key of 256 printable characters', { ['k'.repeat(256)]: '' }],
  ])('accepts %s', async (_label, metadata) => {
    expect(await refusedFields(metadata)).toEqual([]);
  });

  it.each([
    ['a lone surrogate in a key', { ['enc\ud800']: '' }],
    ['a control character in a key', { ['enc\u0001']: '' }],
    ['a key outside ASCII', { ['编码']: '' }],
    ['an empty key', { '': '' }],
    ['a key of 257 characters', { ['k'.repeat(257)]: '' }],
    ['a value that is no base64', { encoding: 'json/plain' }],
    ['a value that is no string', { encoding: 3 }],
    ['null', null],
    ['a list', ['anNvbg==']],
  ])('refuses %s, naming metadata', async (_label, metadata) => {
    expect(await refusedFields(metadata)).toEqual(['metadata:isPayloadMetadata']);
  });
});
