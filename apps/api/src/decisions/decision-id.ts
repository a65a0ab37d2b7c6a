import { BadRequestException } from '@nestjs/common';
import { ID_PATTERN } from './dto/decision-base.dto';

/**
 * A decision's id comes from the body's `decisionId` or the Idempotency-Key header; either is
 * fine, both must agree, and one is required.
 */
export function resolveDecisionId(
  fromBody: string | undefined,
  fromHeader: string | undefined,
): string {
  if (fromHeader !== undefined && (!ID_PATTERN.test(fromHeader) || fromHeader.length > 100)) {
    throw new BadRequestException({
      message: 'Idempotency-Key must be 1–100 letters, digits and . _ : -',
      field: 'Idempotency-Key',
    });
  }
  if (fromBody !== undefined && fromHeader !== undefined && fromBody !== fromHeader) {
    throw new BadRequestException({
      message: 'decisionId and the Idempotency-Key header differ; send one, or the same in both',
      field: 'decisionId',
    });
  }
  const decisionId = fromBody ?? fromHeader;
  if (!decisionId) {
    throw new BadRequestException({
      message: 'decisionId (in the body) or the Idempotency-Key header is required',
      field: 'decisionId',
    });
  }
  return decisionId;
}
