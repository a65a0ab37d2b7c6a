import { BadRequestException, Injectable } from '@nestjs/common';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { AppConfig } from '@app/config';
import { payloadCodecs } from '@app/temporal-connection';
import type { CodecPayloadDto, CodecPayloadsDto } from './codec.dto';

/** A validated payload (the DTO checked its keys and base64 values) as the SDK's bytes. */
function fromJson(payload: CodecPayloadDto): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    metadata[key] = Buffer.from(value, 'base64');
  }
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

function toJson(payload: Payload): CodecPayloadDto {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/**
 * The deployment's payload codec behind Temporal's remote codec protocol, so the Temporal CLI
 * (`--codec-endpoint`) and Web UI show people allowed to read the plain values. Without keys
 * the codec changes nothing and payloads come back as they were sent.
 */
@Injectable()
export class CodecService {
  private readonly codecs: PayloadCodec[];

  constructor(private readonly config: AppConfig) {
    this.codecs = payloadCodecs(config);
  }

  async decode(body: CodecPayloadsDto, namespace: string | undefined): Promise<CodecPayloadsDto> {
    this.checkNamespace(namespace);
    let payloads = body.payloads.map(fromJson);
    for (const codec of [...this.codecs].reverse()) {
      try {
        payloads = await codec.decode(payloads);
      } catch (error) {
        throw new BadRequestException(`payloads cannot be decoded: ${(error as Error).message}`);
      }
    }
    return { payloads: payloads.map(toJson) };
  }

  async encode(body: CodecPayloadsDto, namespace: string | undefined): Promise<CodecPayloadsDto> {
    this.checkNamespace(namespace);
    let payloads = body.payloads.map(fromJson);
    for (const codec of this.codecs) payloads = await codec.encode(payloads);
    return { payloads: payloads.map(toJson) };
  }

  /**
   * The UI and CLI name the namespace; this codec serves the deployment's one only. Without
   * the header it serves that one; an empty header names none and is refused like another
   * (the spec's enum says so: the fuzzer under faults found an empty one accepted).
   */
  private checkNamespace(namespace: string | undefined): void {
    if (namespace !== undefined && namespace !== this.config.TEMPORAL_NAMESPACE) {
      throw new BadRequestException(
        `X-Namespace: this codec serves namespace "${this.config.TEMPORAL_NAMESPACE}", not "${namespace}"`,
      );
    }
  }
}
