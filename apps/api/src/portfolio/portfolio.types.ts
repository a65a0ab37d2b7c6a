/** What the center achieved in a period, from its own records (contract: "Portfolio metrics"). */
export interface Portfolio {
  period: { from: string; to: string; timeZone: 'Asia/Shanghai' };
  filters: { college: string | null; partyBranch: string | null };
  /** Projects in each stage now (not bound to the period). */
  projectsByStage: Record<string, number>;
  /** Projects that ended so in the period. */
  incubated: number;
  rejected: number;
  withdrawn: number;
  /** Companies of incubated projects registered in the period, and their jobs. */
  companiesRegistered: number;
  jobsCreated: number;
  incubatedCompanies: {
    projectId: string;
    companyName: string;
    registrationDate: string;
    jobsCreated: number;
  }[];
  /** Contacts dated in the period: invested + grants raised, term sheets committed, in fen. */
  funding: {
    raisedFen: number;
    committedFen: number;
    byKind: { kind: string; raisedFen: number; committedFen: number }[];
  };
  /** Stays that ended in the period, per stage, in days of 86,400 seconds. */
  stageTimes: {
    stage: string;
    staysEnded: number;
    medianDays: number | null;
    p90Days: number | null;
  }[];
  /** Stays still open, aged at the moment of the request. */
  openStays: {
    stage: string;
    openStays: number;
    medianAgeDays: number | null;
    maxAgeDays: number | null;
  }[];
  /** The stage with the highest median stay in the period; a tie goes to the one holding more projects. */
  bottleneck: { stage: string; medianDays: number; projectsInStage: number } | null;
  mentorLoad: {
    mentorId: string;
    name: string;
    organisation: string;
    active: boolean;
    activeProjects: number;
    capacity: number;
    spare: number;
  }[];
}
