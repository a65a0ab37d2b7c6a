import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MAX_BODY_ITEMS } from '../http/body-limits';
import { ArrayMaxSize, IsArray, IsBase64, ValidateBy, ValidateNested } from 'class-validator';
import { Optional } from '../common/dto/optional';

/**
 * A metadata key as Temporal's SDKs write them (`encoding`, `encryption-key-id`): printable
 * ASCII. A proto map key must be UTF-8, so a lone surrogate or a control character in one can
 * never come from Temporal; the spec says the same with `propertyNames` (the full fuzz run sent
 * a key holding a lone surrogate, which the spec allowed and the JSON parser refused). Nor is
 * `__proto__` a key: the JSON parser refuses it (prototype poisoning), so the spec says so too.
 */
export const METADATA_KEY_PATTERN = '^(?!__proto__$)[ -~]{1,256}$';
const METADATA_KEY = new RegExp(METADATA_KEY_PATTERN);
/** Standard base64 with its padding, as Temporal's JSON form writes bytes; the spec says the same. */
export const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const BASE64 = new RegExp(BASE64_PATTERN);

const isMetadata = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(
    ([key, entry]) => METADATA_KEY.test(key) && typeof entry === 'string' && BASE64.test(entry),
  );

/** An object of printable-ASCII keys to base64 values, checked with the rest of the body. */
const IsPayloadMetadata = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPayloadMetadata',
    validator: {
      validate: isMetadata,
      defaultMessage: () =>
        'payloads[].metadata must be an object of printable-ASCII keys (1 to 256 characters) ' +
        'and base64 values',
    },
  });

/** One payload in Temporal's JSON form: metadata values and data in base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({
    description: 'Metadata entries, each value base64',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  // Absent is no metadata; null is not an object (the full fuzz run found it accepted).
  @Optional()
  @IsPayloadMetadata()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ description: 'The payload bytes, base64' })
  // Absent is an empty payload; null is no base64 (IsOptional would let it through).
  @Optional()
  @IsBase64({}, { message: 'payloads[].data must be base64' })
  data?: string;
}

/** The body and the answer of Temporal's remote codec protocol (`/encode`, `/decode`). */
export class CodecPayloadsDto {
  @ApiProperty({ type: [CodecPayloadDto] })
  @IsArray({ message: 'payloads must be an array' })
  // The edge refuses longer arrays before validation (MAX_BODY_ITEMS); the spec said 1000.
  @ArrayMaxSize(MAX_BODY_ITEMS, {
    message: `payloads must hold at most ${MAX_BODY_ITEMS} payloads`,
  })
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads!: CodecPayloadDto[];
}
