import { OPEN_STAGES, ProjectStatus } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { REASON_ONLY, type ReasonOnlyDecision } from './shape-checks';

export type ResumeProjectDecision = ReasonOnlyDecision<'resumeProject'>;

/**
 * Staff resume a held project, saying why: what was pending comes back, its due times moved by
 * the time on hold (the workflow moves them). Refused on a project not on hold.
 */
export const resumeProject: DecisionSpec<ResumeProjectDecision> = {
  permission: { authority: 'staff', stages: OPEN_STAGES },
  shape: REASON_ONLY,
  judge: () => null,
  effect: (state) => ({
    state: { ...state, status: ProjectStatus.ACTIVE, hold: undefined },
    message: 'The project is resumed.',
  }),
  attends: true,
  whileOnHold: true,
  asks: { zh: '恢复项目', en: 'resume the project' },
};
