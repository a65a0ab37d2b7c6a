export const TEAM_ROLES = ['lead', 'member', 'advisor'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const DEGREES = ['bachelor', 'master', 'phd', 'other'] as const;
export type Degree = (typeof DEGREES)[number];

export const PATENT_STATUSES = ['filed', 'granted'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];

export interface TeamMember {
  name: string;
  /** Student or staff id: personal data, hidden from mentors. */
  memberId: string;
  role: TeamRole;
  degree: Degree;
  partyMember: boolean;
  /** Organisation the member also works for; a mentor from it has a conflict of interest. */
  affiliation?: string;
}

export interface IpAsset {
  patentNumber: string;
  title: string;
  status: PatentStatus;
}

export interface Application {
  title: string;
  summary: string;
  /** Expertise tags of the project's field, matched against mentors' expertise. */
  fieldTags: string[];
  college: string;
  partyBranch: string;
  teamMembers: TeamMember[];
  technologyReadinessLevel: number;
  ipAssets: IpAsset[];
  fundingRequestedFen: number;
  /** Organisations the team declares a conflict of interest with. */
  declaredConflicts?: string[];
  /** The earlier (rejected or withdrawn) project this application follows up. */
  previousProjectId?: string;
}
