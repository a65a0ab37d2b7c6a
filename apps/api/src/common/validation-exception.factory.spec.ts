import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DeclineAssignmentDto, RequestRevisionDto } from '../decisions/dto/mentor-decisions.dto';
import { ScreenApplicationDto } from '../decisions/dto/application-decisions.dto';
import { validationExceptionFactory } from './validation-exception.factory';

/** Every decision body carries its decisionId; the cases differ only in the comment. */
const messageOf = (type: new () => object, body: object): string => {
  const errors = validateSync(plainToInstance(type, { decisionId: 'decision-1', ...body }));
  if (errors.length === 0) return 'accepted';
  return (validationExceptionFactory(errors).getResponse() as { message: string }).message;
};

describe('a missing required field or comment reads the same on every decision', () => {
  it.each([
    ['a rejection without a comment', ScreenApplicationDto, { outcome: 'reject' }, 'comment'],
    [
      'a return with a blank comment',
      ScreenApplicationDto,
      { outcome: 'return', comment: '  ' },
      'comment',
    ],
    ['a decline without a reason', DeclineAssignmentDto, {}, 'reason'],
    ['a decline with a blank reason', DeclineAssignmentDto, { reason: ' ' }, 'reason'],
    ['a revision request without a comment', RequestRevisionDto, {}, 'comment'],
  ])('%s is refused here, naming the field as required first', (_what, type, body, field) => {
    expect(messageOf(type, body)).toMatch(new RegExp(`^${field} is required`));
  });

  it('lets an acceptance through without a comment', () => {
    expect(messageOf(ScreenApplicationDto, { outcome: 'accept' })).toBe('accepted');
  });
});
