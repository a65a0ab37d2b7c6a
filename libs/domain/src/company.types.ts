/** The IP ownership agreement of the university–local-government–enterprise alliance. */
export interface IpShares {
  universityBp: number;
  localGovernmentBp: number;
  enterpriseBp: number;
}

export interface CompanyRegistration {
  companyName: string;
  /** Unified social credit code, GB 32100-2015. */
  uscc: string;
  /** YYYY-MM-DD. */
  registrationDate: string;
  registeredCapitalFen: number;
  jobsCreated: number;
  /** Sums to exactly 10000 basis points. */
  ipShares: IpShares;
  rdTeamProfitShareBp: number;
}
