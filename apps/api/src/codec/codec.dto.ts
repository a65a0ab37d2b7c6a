import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MAX_BODY_ITEMS } from '../http/body-limits';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsObject,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** One payload in Temporal's JSON form: metadata values and data in base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({
    description: 'Metadata entries, each value base64',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  // Absent is no metadata; null is not an object (the full fuzz run found it accepted).
  @ValidateIf((_payload: CodecPayloadDto, value: unknown) => value !== undefined)
  @IsObject({ message: 'payloads[].metadata must be an object of base64 strings' })
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ description: 'The payload bytes, base64' })
  // Absent is an empty payload; null is no base64 (IsOptional would let it through).
  @ValidateIf((_payload: CodecPayloadDto, value: unknown) => value !== undefined)
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
