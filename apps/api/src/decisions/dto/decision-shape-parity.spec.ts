import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DecisionType, LIMITS, validateDecisionShape } from '@app/domain';
import * as dto from './index';

/**
 * The decision DTOs and the domain's decision shape both check a body's limits and required
 * fields: the DTO (a 400, and the OpenAPI description), the domain (the Update validator's
 * check, which the API also runs before sending). One table of cases runs through both and
 * fails when they disagree, so a limit changed in one place and not the other is caught here.
 */
type DtoClass = new () => object;

const text = (length: number): string => 'x'.repeat(length);
const ok = 'm-1';

/** The cases of one decision type: each body, and whether both must accept it. */
const casesOf = (
  type: DecisionType,
  dtoClass: DtoClass,
  bodies: [Record<string, unknown>, boolean][],
) => bodies.map(([body, accepted]) => ({ type, dto: dtoClass, body, ok: accepted }));

const CASES: { type: DecisionType; dto: DtoClass; body: Record<string, unknown>; ok: boolean }[] = [
  ...casesOf('acceptAssignment', dto.AcceptAssignmentDto, [
    [{}, true],
    [{ comment: text(LIMITS.text.comment) }, true],
    [{ comment: text(LIMITS.text.comment + 1) }, false],
    [{ comment: 3 }, false],
    [{ extra: 1 }, false],
  ]),
  ...casesOf('withdraw', dto.WithdrawDto, [
    [{ reason: 'Left.' }, true],
    [{}, false],
    [{ reason: '' }, false],
    [{ reason: '  ' }, false],
    [{ reason: text(LIMITS.text.reason + 1) }, false],
  ]),
  ...casesOf('putOnHold', dto.PutOnHoldDto, [[{ reason: text(LIMITS.text.reason) }, true]]),
  ...casesOf('requestRevision', dto.RequestRevisionDto, [
    [{ comment: 'More.' }, true],
    [{}, false],
    [{ comment: ' ' }, false],
  ]),
  ...casesOf('addNote', dto.AddNoteDto, [
    [{ comment: 'A note.' }, true],
    [{}, false],
    [{ comment: '\n' }, false],
    [{ comment: text(LIMITS.text.comment + 1) }, false],
  ]),
  ...casesOf('screenApplication', dto.ScreenApplicationDto, [
    [{ outcome: 'accept' }, true],
    [{ outcome: 'reject', comment: 'Not eligible.' }, true],
    [{ outcome: 'reject' }, false],
    [{ outcome: 'return', comment: ' ' }, false],
    [{ outcome: 'maybe' }, false],
  ]),
  ...casesOf('assignMentor', dto.AssignMentorDto, [
    [{ mentorId: ok }, true],
    [{ mentorId: '' }, false],
    [{ mentorId: 'm 1!' }, false],
    [{ mentorId: '-m1' }, false],
    [{ mentorId: text(LIMITS.text.id + 1) }, false],
  ]),
  ...casesOf('replaceMentor', dto.ReplaceMentorDto, [
    [{ mentorId: ok, reason: 'Moved.' }, true],
    [{ mentorId: ok }, false],
    [{ mentorId: 'm/1', reason: 'Moved.' }, false],
    [{ mentorId: text(LIMITS.text.id + 1), reason: 'Moved.' }, false],
  ]),
  ...casesOf('extendDeadline', dto.ExtendDeadlineDto, [
    [{ action: 'screenApplication', byDuration: { workingDays: 2 }, reason: 'Holidays.' }, true],
    [{ action: 'noSuchStep', byDuration: { workingDays: 2 }, reason: 'Holidays.' }, false],
    [
      {
        action: 'screenApplication',
        byDuration: { workingDays: LIMITS.extension.maxWorkingDays + 1 },
        reason: 'Holidays.',
      },
      false,
    ],
  ]),
];

async function dtoAccepts(dtoClass: DtoClass, body: Record<string, unknown>): Promise<boolean> {
  const instance = plainToInstance(dtoClass, { decisionId: 'd-1', ...body });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0;
}

describe('the decision DTOs and the domain shape agree', () => {
  it.each(CASES.map((c) => [c.type, JSON.stringify(c.body).slice(0, 60), c]))(
    '%s %s',
    async (_type, _body, { type, dto: dtoClass, body, ok: expected }) => {
      const domain = validateDecisionShape({ type, ...body }).length === 0;
      expect({ dto: await dtoAccepts(dtoClass, body), domain }).toEqual({
        dto: expected,
        domain: expected,
      });
    },
  );
});
