import type { Application, Decision, PlanSummaries } from '@app/domain';

/** Local demo only: every demo account signs in with this password. */
export const DEMO_PASSWORD = 'incubation-demo';

export const DEMO_MENTORS = [
  {
    id: '6d3e0000-0000-4000-8000-000000000001',
    name: '陈立 Chen Li',
    organisation: 'Hangzhou Photonics Ltd',
    expertiseTags: ['optics', 'robotics', 'hardware'],
    capacity: 3,
    username: 'mentor.chen',
  },
  {
    id: '6d3e0000-0000-4000-8000-000000000002',
    name: '王敏 Wang Min',
    organisation: 'Qiming Venture Partners',
    expertiseTags: ['finance', 'fundraising', 'saas'],
    capacity: 4,
    username: 'mentor.wang',
  },
  {
    id: '6d3e0000-0000-4000-8000-000000000003',
    name: '刘洋 Liu Yang',
    organisation: 'Sunny Optics Ltd',
    expertiseTags: ['optics', 'manufacturing'],
    capacity: 2,
    username: 'mentor.liu',
  },
  {
    id: '6d3e0000-0000-4000-8000-000000000004',
    name: '赵静 Zhao Jing',
    organisation: 'Provincial Agritech Institute',
    expertiseTags: ['agriculture', 'iot', 'sensors'],
    capacity: 3,
    username: 'mentor.zhao',
  },
  {
    id: '6d3e0000-0000-4000-8000-000000000005',
    name: '孙强 Sun Qiang',
    organisation: 'Medtech Alliance',
    expertiseTags: ['medical', 'biotech', 'regulation'],
    capacity: 2,
    username: 'mentor.sun',
  },
] as const;

export const DEMO_PEOPLE = [
  { username: 'admin', displayName: 'Center Administrator', role: 'admin' },
  { username: 'staff.li', displayName: '李娜 Li Na (staff)', role: 'staff' },
  { username: 'staff.zhou', displayName: '周涛 Zhou Tao (staff)', role: 'staff' },
  { username: 'reviewer.party', displayName: 'Party Committee Reviewer', role: 'reviewer' },
] as const;

const id = (n: number): string => String(n).padStart(3, '0');

function application(n: number, title: string, fieldTags: string[], college: string): Application {
  return {
    title,
    summary: `${title}: a research result from the ${college} looking for a path to market.`,
    fieldTags,
    college,
    partyBranch: `${college} Graduate Party Branch`,
    teamMembers: [
      {
        name: `Lead ${n}`,
        memberId: `D2024${id(n)}`,
        role: 'lead',
        degree: 'phd',
        partyMember: true,
      },
      {
        name: `Member ${n}`,
        memberId: `M2024${id(n)}`,
        role: 'member',
        degree: 'master',
        partyMember: false,
        // One team works for a mentor's company: matching must exclude that mentor.
        ...(n === 3 ? { affiliation: 'Sunny Optics Ltd' } : {}),
      },
      {
        name: `Advisor ${n}`,
        memberId: `T1990${id(n)}`,
        role: 'advisor',
        degree: 'phd',
        partyMember: true,
      },
    ],
    technologyReadinessLevel: 3 + (n % 5),
    ipAssets: [
      {
        patentNumber: `ZL2023${String(10000 + n)}.X`,
        title: `${title} core patent`,
        status: n % 2 ? 'granted' : 'filed',
      },
    ],
    fundingRequestedFen: (20 + n * 5) * 1_000_000,
  };
}

/**
 * A plan version of the demo: its document is uploaded first (a small real PDF), so the server
 * stores and hashes it like any other; the seeder then sends the upload's documentId.
 */
export interface DemoPlanVersion {
  type: 'submitPlanVersion';
  fileName: string;
  content: Buffer;
  summaries: PlanSummaries;
}

const plan = (n: number, version: number): DemoPlanVersion => ({
  type: 'submitPlanVersion',
  fileName: `business-plan-${n}-v${version}.pdf`,
  content: demoPlanPdf(`Demo business plan ${n}, version ${version}`),
  summaries: {
    market: 'Provincial demand validated with three pilot customers.',
    product: 'A working prototype with a granted patent.',
    team: 'Three researchers, one with industry experience.',
    financials: 'Break-even in year three on the pilot contracts.',
    ipStrategy: 'Exclusive licence from the university, shares per the alliance agreement.',
  },
});

/**
 * A one-page PDF holding one line of ASCII text. Written by hand: no PDF library is a dependency
 * (the funder report prints through Chromium), and the demo needs only a valid small file.
 */
export function demoPlanPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A demo step: a decision, or a plan version whose document the seeder uploads first. */
export type DemoStep = Decision | DemoPlanVersion;

/** Who acts in a demo step: a staff member (1 or 2) or the project's mentor. */
export type DemoActor = 'staff1' | 'staff2' | 'mentor';

export interface DemoProject {
  key: string;
  application: Application;
  mentorIndex: number;
  steps: [DemoActor, DemoStep][];
}

const accept: Decision = { type: 'screenApplication', outcome: 'accept' };
const signOff: Decision = { type: 'signOffInvestment' };
const toBusinessPlan = (mentorId: string): [DemoActor, DemoStep][] => [
  ['staff1', accept],
  ['staff1', { type: 'assignMentor', mentorId }],
  ['mentor', { type: 'acceptAssignment', comment: '很高兴指导这个团队。' }],
];
const toInvestorContact = (n: number, mentorId: string): [DemoActor, DemoStep][] => [
  ...toBusinessPlan(mentorId),
  ['staff1', plan(n, 1)],
  [
    'mentor',
    { type: 'requestRevision', comment: 'Tighten the financials and the go-to-market plan.' },
  ],
  ['staff1', plan(n, 2)],
  ['mentor', { type: 'approvePlan', comment: 'Ready for investors.' }],
];
const contact = (
  id: string,
  outcome: 'meeting' | 'term_sheet' | 'invested' | 'grant',
  amountFen: number,
): Decision => ({
  type: 'recordInvestorContact',
  contactId: id,
  investorName:
    outcome === 'grant' ? 'Provincial Innovation Practice Fund' : 'Qiming Venture Partners',
  kind: outcome === 'grant' ? 'innovation_practice_fund' : 'vc',
  date: '2026-10-15',
  outcome,
  amountFen,
});
const toCompanyRegistration = (n: number, mentorId: string): [DemoActor, DemoStep][] => [
  ...toInvestorContact(n, mentorId),
  ['staff1', contact('c-meeting', 'meeting', 0)],
  ['staff1', contact('c-invest', 'invested', 5_000_000_00)],
  ['mentor', signOff],
  ['staff2', signOff],
];
const company = (name: string, uscc: string): Decision => ({
  type: 'recordCompany',
  companyName: name,
  uscc,
  registrationDate: '2026-11-02',
  registeredCapitalFen: 1_000_000_00,
  jobsCreated: 9,
  ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 4000 },
  rdTeamProfitShareBp: 3000,
});

/** A dozen projects spread over every stage, each reached by real decisions. */
export function demoProjects(): DemoProject[] {
  const m = DEMO_MENTORS.map((mentor) => mentor.id);
  const p = (
    n: number,
    title: string,
    tags: string[],
    college: string,
    mentorIndex: number,
    steps: [DemoActor, DemoStep][],
  ): DemoProject => ({
    key: `demo-project-${String(n).padStart(2, '0')}`,
    application: application(n, title, tags, college),
    mentorIndex,
    steps,
  });
  return [
    p(
      1,
      '柔性钙钛矿太阳能电池中试线',
      ['new-energy', 'materials'],
      'College of Materials Science',
      0,
      [],
    ),
    p(
      2,
      'Low-cost soil moisture sensors',
      ['agriculture', 'iot', 'sensors'],
      'College of Engineering',
      3,
      [
        [
          'staff1',
          {
            type: 'screenApplication',
            outcome: 'return',
            comment: 'Please add the field-trial data.',
          },
        ],
      ],
    ),
    p(
      3,
      'Solid-state lidar for orchard robots',
      ['optics', 'robotics'],
      'College of Optical Engineering',
      0,
      [['staff1', accept]],
    ),
    p(4, 'Handheld retinal screening camera', ['medical', 'optics'], 'School of Medicine', 4, [
      ['staff1', accept],
      ['staff1', { type: 'assignMentor', mentorId: m[4] }],
    ]),
    p(
      5,
      'Edge AI for greenhouse climate control',
      ['agriculture', 'iot'],
      'College of Engineering',
      3,
      toBusinessPlan(m[3]),
    ),
    p(
      6,
      'Biodegradable packaging from rice straw',
      ['materials', 'manufacturing'],
      'College of Materials Science',
      1,
      [...toBusinessPlan(m[1]), ['staff1', plan(6, 1)]],
    ),
    p(
      7,
      'SaaS for university lab scheduling',
      ['saas'],
      'School of Computer Science',
      1,
      toInvestorContact(7, m[1]),
    ),
    p(
      8,
      'Precision irrigation controller',
      ['agriculture', 'hardware'],
      'College of Engineering',
      3,
      [
        ...toInvestorContact(8, m[3]),
        ['staff1', contact('c-term', 'term_sheet', 3_000_000_00)],
        ['mentor', signOff],
      ],
    ),
    p(
      9,
      'Microfluidic blood test cartridge',
      ['medical', 'biotech'],
      'School of Medicine',
      4,
      toCompanyRegistration(9, m[4]),
    ),
    p(
      10,
      'Laser cleaning head for heritage stone',
      ['optics', 'manufacturing'],
      'College of Optical Engineering',
      0,
      [
        ...toCompanyRegistration(10, m[0]),
        ['staff1', company('杭州光洁科技有限公司', '91350100M000100Y43')],
        ['staff1', { type: 'approveIncubation', comment: 'Registered and funded.' }],
      ],
    ),
    p(11, 'Online tutoring marketplace', ['saas'], 'School of Computer Science', 1, [
      [
        'staff1',
        {
          type: 'screenApplication',
          outcome: 'reject',
          comment: 'Not based on a research result of the university.',
        },
      ],
    ]),
    p(12, 'Drone pollination service', ['agriculture', 'robotics'], 'College of Engineering', 0, [
      ...toBusinessPlan(m[0]),
      [
        'staff1',
        { type: 'withdraw', reason: 'The team decided to continue as a research project.' },
      ],
    ]),
  ];
}
