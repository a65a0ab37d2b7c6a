import { Actor, Decision, projectRecordsOf } from '@app/domain';
import {
  d,
  initialState,
  mentorA,
  NOW,
  run,
  staff,
  staff2,
  validApplication,
} from '@app/domain/testing/domain.fixtures';
import { NO_RECORDS, RebuiltRecords, recordsAfterDecision } from './project-records.fold';

describe('rebuilding project records from accepted decisions', () => {
  const revised = validApplication({ summary: 'A revised summary after screening.' });
  const steps: [Actor, Decision][] = [
    [staff, { type: 'screenApplication', outcome: 'return', comment: 'Add the patent list.' }],
    [staff, { type: 'resubmitApplication', application: revised }],
    [staff, d.accept],
    [staff, d.assign('m-a')],
    [mentorA, d.acceptAssignment],
    [staff, d.plan(1)],
    [mentorA, d.revise],
    [staff, d.plan(2)],
    [mentorA, d.approvePlan],
    [staff, d.contact('c-1', 'meeting')],
    [staff, d.contact('c-2', 'grant')],
    [staff, { ...d.contact('c-1', 'term_sheet'), type: 'amendInvestorContact', reason: 'Terms.' }],
    [mentorA, d.signOff],
    [staff2, d.signOff],
    [staff, d.company()],
    [staff2, { ...d.company({ jobsCreated: 20 }), type: 'amendCompany', reason: 'More hires.' }],
    [staff, d.approveIncubation],
  ];

  it('gives the records the domain reducer gives, decision by decision', () => {
    const start = initialState();
    let rebuilt: RebuiltRecords = { ...NO_RECORDS, application: start.application };
    let state = start;
    for (const [actor, decision] of steps) {
      state = run(state, [[actor, decision]]);
      rebuilt = recordsAfterDecision(rebuilt, decision, actor, NOW);
      expect({ after: decision.type, records: rebuilt }).toEqual({
        after: decision.type,
        records: projectRecordsOf(state),
      });
    }
    expect(rebuilt.planVersions).toHaveLength(2);
    expect(rebuilt.investorContacts.map((c) => c.outcome)).toEqual(['term_sheet', 'grant']);
    expect(rebuilt.company?.jobsCreated).toBe(20);
  });

  it('leaves the records alone for decisions that do not touch them', () => {
    expect(recordsAfterDecision(NO_RECORDS, d.withdraw, staff, NOW)).toBe(NO_RECORDS);
    // A review with no plan version to review changes nothing.
    expect(recordsAfterDecision(NO_RECORDS, d.approvePlan, mentorA, NOW)).toBe(NO_RECORDS);
  });
});
