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

const CASES: { type: DecisionType; dto: DtoClass; body: Record<string, unknown>; ok: boolean }[] = [
  { type: 'acceptAssignment', dto: dto.AcceptAssignmentDto, body: {}, ok: true },
  {
    type: 'acceptAssignment',
    dto: dto.AcceptAssignmentDto,
    body: { comment: text(LIMITS.text.comment) },
    ok: true,
  },
  {
    type: 'acceptAssignment',
    dto: dto.AcceptAssignmentDto,
    body: { comment: text(LIMITS.text.comment + 1) },
    ok: false,
  },
  { type: 'acceptAssignment', dto: dto.AcceptAssignmentDto, body: { comment: 3 }, ok: false },
  { type: 'acceptAssignment', dto: dto.AcceptAssignmentDto, body: { extra: 1 }, ok: false },
  { type: 'withdraw', dto: dto.WithdrawDto, body: { reason: 'Left.' }, ok: true },
  { type: 'withdraw', dto: dto.WithdrawDto, body: {}, ok: false },
  { type: 'withdraw', dto: dto.WithdrawDto, body: { reason: '' }, ok: false },
  { type: 'withdraw', dto: dto.WithdrawDto, body: { reason: '  ' }, ok: false },
  {
    type: 'withdraw',
    dto: dto.WithdrawDto,
    body: { reason: text(LIMITS.text.reason + 1) },
    ok: false,
  },
  {
    type: 'putOnHold',
    dto: dto.PutOnHoldDto,
    body: { reason: text(LIMITS.text.reason) },
    ok: true,
  },
  { type: 'requestRevision', dto: dto.RequestRevisionDto, body: { comment: 'More.' }, ok: true },
  { type: 'requestRevision', dto: dto.RequestRevisionDto, body: {}, ok: false },
  { type: 'requestRevision', dto: dto.RequestRevisionDto, body: { comment: ' ' }, ok: false },
  { type: 'addNote', dto: dto.AddNoteDto, body: { comment: 'A note.' }, ok: true },
  { type: 'addNote', dto: dto.AddNoteDto, body: {}, ok: false },
  { type: 'addNote', dto: dto.AddNoteDto, body: { comment: '\n' }, ok: false },
  {
    type: 'addNote',
    dto: dto.AddNoteDto,
    body: { comment: text(LIMITS.text.comment + 1) },
    ok: false,
  },
  {
    type: 'screenApplication',
    dto: dto.ScreenApplicationDto,
    body: { outcome: 'accept' },
    ok: true,
  },
  {
    type: 'screenApplication',
    dto: dto.ScreenApplicationDto,
    body: { outcome: 'reject', comment: 'Not eligible.' },
    ok: true,
  },
  {
    type: 'screenApplication',
    dto: dto.ScreenApplicationDto,
    body: { outcome: 'reject' },
    ok: false,
  },
  {
    type: 'screenApplication',
    dto: dto.ScreenApplicationDto,
    body: { outcome: 'return', comment: ' ' },
    ok: false,
  },
  {
    type: 'screenApplication',
    dto: dto.ScreenApplicationDto,
    body: { outcome: 'maybe' },
    ok: false,
  },
  { type: 'assignMentor', dto: dto.AssignMentorDto, body: { mentorId: ok }, ok: true },
  { type: 'assignMentor', dto: dto.AssignMentorDto, body: { mentorId: '' }, ok: false },
  {
    type: 'assignMentor',
    dto: dto.AssignMentorDto,
    body: { mentorId: text(LIMITS.text.id + 1) },
    ok: false,
  },
  {
    type: 'replaceMentor',
    dto: dto.ReplaceMentorDto,
    body: { mentorId: ok, reason: 'Moved.' },
    ok: true,
  },
  { type: 'replaceMentor', dto: dto.ReplaceMentorDto, body: { mentorId: ok }, ok: false },
  {
    type: 'extendDeadline',
    dto: dto.ExtendDeadlineDto,
    body: { action: 'screenApplication', byDuration: { workingDays: 2 }, reason: 'Holidays.' },
    ok: true,
  },
  {
    type: 'extendDeadline',
    dto: dto.ExtendDeadlineDto,
    body: { action: 'noSuchStep', byDuration: { workingDays: 2 }, reason: 'Holidays.' },
    ok: false,
  },
  {
    type: 'extendDeadline',
    dto: dto.ExtendDeadlineDto,
    body: {
      action: 'screenApplication',
      byDuration: { workingDays: LIMITS.extension.maxWorkingDays + 1 },
      reason: 'Holidays.',
    },
    ok: false,
  },
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
