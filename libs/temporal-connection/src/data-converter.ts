import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { parsePayloadKeys, type AppConfig } from '@app/config';
import { AesGcmPayloadCodec } from './encryption-codec';

/**
 * The failure converter module, as a path the SDK can `require`: compiled JavaScript in dist/,
 * the TypeScript source under Jest (whose require compiles it).
 */
export function failureConverterPath(): string {
  const base = join(__dirname, '../../workflows/src/failure-converter');
  return existsSync(`${base}.js`) ? `${base}.js` : `${base}.ts`;
}

/** The payload codecs of this deployment: the AES-GCM codec when keys are set, else none. */
export function payloadCodecs(config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEYS'>): PayloadCodec[] {
  const keys = parsePayloadKeys(config.TEMPORAL_PAYLOAD_KEYS);
  return keys.length > 0 ? [new AesGcmPayloadCodec(keys)] : [];
}

/**
 * One data converter for every process that reads or writes payloads: the API's client, the
 * worker, the archive sweeper and the replay tools. Without keys it is the SDK's default apart
 * from failures, whose messages always travel as encoded attributes.
 */
export function temporalDataConverter(
  config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEYS'>,
): DataConverter {
  return { payloadCodecs: payloadCodecs(config), failureConverterPath: failureConverterPath() };
}
