import { BadRequestException } from '@nestjs/common';
import { ID_PATTERN } from './dto/decision-base.dto';

/**
 * A decision's id is the body's `decisionId` (required by the DTO). An Idempotency-Key header
 * is no longer an alternative; one sent beside it must be well formed and the same.
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
  if (!fromBody) {
    throw new BadRequestException({
      message: 'decisionId is required in the body',
      field: 'decisionId',
    });
  }
  return fromBody;
}
