import { Application, TeamMember } from './application.types';
import { checkEligibility } from './eligibility.rules';
import { validApplication } from './testing/domain.fixtures';

const lead: TeamMember = {
  name: 'Li Wei',
  memberId: 'S1',
  role: 'lead',
  degree: 'phd',
  partyMember: true,
};
const member = (n: number): TeamMember => ({
  name: `Member ${n}`,
  memberId: `S-${n}`,
  role: 'member',
  degree: 'master',
  partyMember: false,
});

describe('checkEligibility', () => {
  it('accepts a valid application', () => {
    expect(checkEligibility(validApplication())).toEqual([]);
  });

  it.each([
    ['a team of one (the lead)', { teamMembers: [lead] }],
    ['a team of 15', { teamMembers: [lead, ...Array.from({ length: 14 }, (_, i) => member(i))] }],
    ['TRL 1', { technologyReadinessLevel: 1 }],
    ['TRL 9', { technologyReadinessLevel: 9 }],
    ['zero funding', { fundingRequestedFen: 0 }],
    ['no IP assets', { ipAssets: [] }],
    ['a 200-character title', { title: '题'.repeat(200) }],
    ['declared conflicts', { declaredConflicts: ['Sunny Optics Ltd'] }],
    ['a previous project', { previousProjectId: '0b5f7a8e-3c1d-4e2f-9a6b-1c2d3e4f5a6b' }],
  ] as [string, Partial<Application>][])('accepts %s', (_label, overrides) => {
    expect(checkEligibility(validApplication(overrides))).toEqual([]);
  });

  it.each([
    ['no lead', { teamMembers: [member(1), member(2)] }, 'one-lead', 'teamMembers'],
    ['two leads', { teamMembers: [lead, { ...lead, memberId: 'S2' }] }, 'one-lead', 'teamMembers'],
    [
      'a lead who is not a Party member',
      { teamMembers: [member(1), { ...lead, partyMember: false }] },
      'lead-party-member',
      'teamMembers[1].partyMember',
    ],
    ['an empty team', { teamMembers: [] }, 'min-items', 'teamMembers'],
    [
      'a team of 16',
      { teamMembers: [lead, ...Array.from({ length: 15 }, (_, i) => member(i))] },
      'max-items',
      'teamMembers',
    ],
    [
      'a duplicate member id',
      { teamMembers: [lead, { ...member(1), memberId: 'S1' }] },
      'duplicate',
      'teamMembers',
    ],
    ['TRL 0', { technologyReadinessLevel: 0 }, 'integer-range', 'technologyReadinessLevel'],
    ['TRL 10', { technologyReadinessLevel: 10 }, 'integer-range', 'technologyReadinessLevel'],
    ['TRL 4.5', { technologyReadinessLevel: 4.5 }, 'integer-range', 'technologyReadinessLevel'],
    ['negative funding', { fundingRequestedFen: -1 }, 'fen', 'fundingRequestedFen'],
    ['fractional funding', { fundingRequestedFen: 10.5 }, 'fen', 'fundingRequestedFen'],
    ['a blank title', { title: '   ' }, 'required', 'title'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'max-length', 'title'],
    ['a 4001-character summary', { summary: 'x'.repeat(4001) }, 'max-length', 'summary'],
    ['no field tags', { fieldTags: [] }, 'min-items', 'fieldTags'],
    [
      '21 field tags',
      { fieldTags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'max-items',
      'fieldTags',
    ],
    ['a 51-character tag', { fieldTags: ['x'.repeat(51)] }, 'max-length', 'fieldTags[0]'],
    ['a duplicate tag', { fieldTags: ['AI', ' ai'] }, 'duplicate', 'fieldTags'],
    ['a missing college', { college: undefined }, 'required', 'college'],
    [
      'a bad member role',
      { teamMembers: [lead, { ...member(1), role: 'boss' }] },
      'one-of',
      'teamMembers[1].role',
    ],
    [
      'a bad degree',
      { teamMembers: [lead, { ...member(1), degree: 'diploma' }] },
      'one-of',
      'teamMembers[1].degree',
    ],
    [
      'a 101-character member name',
      { teamMembers: [{ ...lead, name: 'x'.repeat(101) }] },
      'max-length',
      'teamMembers[0].name',
    ],
    [
      'an unknown member field',
      { teamMembers: [{ ...lead, phone: '123' }] },
      'unknown-field',
      'teamMembers[0].phone',
    ],
    [
      'a bad patent status',
      { ipAssets: [{ patentNumber: 'ZL1', title: 'x', status: 'pending' }] },
      'one-of',
      'ipAssets[0].status',
    ],
    [
      '51 patents',
      {
        ipAssets: Array.from({ length: 51 }, (_, i) => ({
          patentNumber: `ZL${i}`,
          title: 'x',
          status: 'filed',
        })),
      },
      'max-items',
      'ipAssets',
    ],
    [
      'a duplicate patent',
      {
        ipAssets: [
          { patentNumber: 'ZL1', title: 'a', status: 'filed' },
          { patentNumber: 'ZL1', title: 'b', status: 'granted' },
        ],
      },
      'duplicate',
      'ipAssets',
    ],
    ['a blank declared conflict', { declaredConflicts: [''] }, 'required', 'declaredConflicts[0]'],
    [
      'a previous project id with spaces',
      { previousProjectId: 'p 1' },
      'format',
      'previousProjectId',
    ],
    ['an unknown field', { budget: 1 }, 'unknown-field', 'budget'],
  ] as [string, Record<string, unknown>, string, string][])(
    'refuses %s (%s on %s)',
    (_label, overrides, rule, field) => {
      const problems = checkEligibility({ ...validApplication(), ...overrides });
      expect(problems).toContainEqual(
        expect.objectContaining({ kind: 'RuleRefused', rule, field }),
      );
      const problem = problems.find((p) => p.rule === rule);
      expect(problem?.message).toMatch(/\w.*\.$/);
    },
  );

  it('reports every problem at once', () => {
    const problems = checkEligibility({
      ...validApplication(),
      title: '',
      technologyReadinessLevel: 0,
      fundingRequestedFen: -5,
    });
    expect(problems.map((p) => p.field)).toEqual([
      'title',
      'technologyReadinessLevel',
      'fundingRequestedFen',
    ]);
  });

  it.each([[null], ['text'], [[]]])('refuses a non-object application: %p', (value) => {
    expect(checkEligibility(value)).toEqual([
      expect.objectContaining({ rule: 'type', field: 'application' }),
    ]);
  });

  it('prefixes field paths inside a larger body', () => {
    const problems = checkEligibility({ ...validApplication(), title: '' }, 'application');
    expect(problems).toEqual([expect.objectContaining({ field: 'application.title' })]);
  });
});
