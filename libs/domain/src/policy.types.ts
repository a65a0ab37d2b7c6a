/** Time limits count working days in production; tests use seconds to run in real time. */
export type Duration = { workingDays: number } | { seconds: number };

/**
 * The rules of the game for one project. Deployment config supplies it and the workflow copies
 * it into its input at start, so a running project keeps the policy it started with.
 */
export interface Policy {
  screeningLimit: Duration;
  mentorAcceptanceLimit: Duration;
  planReviewLimit: Duration;
  /** No accepted decision for this long flags the project. */
  stallLimit: Duration;
  /** Fractions of each limit at which a reminder is sent, ascending, each in (0, 1). */
  reminderFractions: number[];
  /** Revision requests after which further plan versions wait for `allowExtraRevisionRound`. */
  maxRevisionRounds: number;
  /** Declines and time-outs after which the project is flagged. */
  maxFailedMatches: number;
  escalationContact: string;
}

export const DEFAULT_POLICY: Policy = {
  screeningLimit: { workingDays: 5 },
  mentorAcceptanceLimit: { workingDays: 3 },
  planReviewLimit: { workingDays: 10 },
  stallLimit: { workingDays: 30 },
  reminderFractions: [0.5, 0.8],
  maxRevisionRounds: 3,
  maxFailedMatches: 3,
  escalationContact: 'incubation-center@example.edu.cn',
};
