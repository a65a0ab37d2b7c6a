import { Application } from './application.types';
import { pendingActionsFor } from './pending-actions.rules';
import { ProjectState } from './project-state.types';
import { ProjectStatus, Stage } from './stage.types';

/** A project just created from an eligible application, waiting for screening. */
export function createInitialState(
  projectId: string,
  application: Application,
  nowIso: string,
): ProjectState {
  const state: ProjectState = {
    projectId,
    application,
    stage: Stage.APPLICATION,
    status: ProjectStatus.ACTIVE,
    createdAt: nowIso,
    stageEnteredAt: nowIso,
    version: 1,
    screening: { awaitingResubmission: false, returnedCount: 0 },
    matching: { excludedMentors: [], failedMatches: 0 },
    plan: { versions: [], revisionRounds: 0, extraRoundsAllowed: 0, revisionLimitReached: false },
    investorContacts: [],
    contactsRevision: 0,
    signOffs: [],
    flags: { needsAttention: false, reasons: [] },
    pendingActions: [],
    lastDecisions: [],
  };
  return { ...state, pendingActions: pendingActionsFor(state) };
}
