/** The pipeline's stages, in the order a successful project passes them, then the dead ends. */
export const Stage = {
  APPLICATION: 'APPLICATION',
  MENTOR_MATCHING: 'MENTOR_MATCHING',
  BUSINESS_PLAN: 'BUSINESS_PLAN',
  INVESTOR_CONTACT: 'INVESTOR_CONTACT',
  COMPANY_REGISTRATION: 'COMPANY_REGISTRATION',
  INCUBATED: 'INCUBATED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
} as const;

export type Stage = (typeof Stage)[keyof typeof Stage];

export const STAGES: readonly Stage[] = Object.values(Stage);

export const TERMINAL_STAGES: readonly Stage[] = [Stage.INCUBATED, Stage.REJECTED, Stage.WITHDRAWN];

/** Stages a project can still leave; staff may withdraw from any of them. */
export const OPEN_STAGES: readonly Stage[] = STAGES.filter(
  (stage) => !TERMINAL_STAGES.includes(stage),
);

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}

/**
 * Orthogonal to the stage: a held project keeps its stage but waits for `resumeProject`;
 * a project in a terminal stage is CLOSED.
 */
export const ProjectStatus = {
  ACTIVE: 'ACTIVE',
  ON_HOLD: 'ON_HOLD',
  CLOSED: 'CLOSED',
} as const;

export type ProjectStatus = (typeof ProjectStatus)[keyof typeof ProjectStatus];
