import { HttpException, HttpStatus } from '@nestjs/common';
import type { Refusal } from '@app/domain';

/** HTTP status of a domain refusal: "not now" is a conflict, "not like this" unprocessable. */
export function refusalStatus(refusal: Pick<Refusal, 'kind'>): number {
  return refusal.kind === 'WrongStage' ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
}

/**
 * A rule said no: the answer names the rule, the field when there is one, and why. Several
 * problems found at once (eligibility, shape) are listed, the first one leading.
 */
export class RefusalException extends HttpException {
  constructor(refusals: readonly Refusal[]) {
    const [first] = refusals;
    super(
      {
        message: refusals.map((refusal) => refusal.message).join(' '),
        rule: first.rule,
        ...(first.field ? { field: first.field } : {}),
        problems: refusals.map(({ rule, field, message }) => ({ rule, field, message })),
      },
      refusalStatus(first),
    );
  }
}

/** The body of a 409 built from a domain refusal (`projectClosed()`): its message and rule. */
export function conflictBody(refusal: Refusal): { message: string; rule: string } {
  return { message: refusal.message, rule: refusal.rule };
}
