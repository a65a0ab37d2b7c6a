import type { MentorUnavailableReason } from './mentor-matching.rules';
import type { Stage } from './stage.types';
import { Refusal, ruleRefused, wrongStage } from './refusal.types';

/**
 * The refusals more than one place gives (the workflow's validator and handlers, the API), by
 * name, so each rule has one wording and one kind. A decision type's own refusals stay in its
 * spec (decisions/<type>.ts).
 */

/** The project is closed: it takes no more decisions (409). */
export function projectClosed(message = 'The project is closed.'): Refusal {
  return wrongStage('project-closed', message);
}

/** The project is closed in `stage` (INCUBATED, REJECTED or WITHDRAWN). */
export function projectClosedIn(stage: Stage): Refusal {
  return projectClosed(`The project is closed (${stage}); it takes no more decisions.`);
}

export function decisionIdRequired(): Refusal {
  return ruleRefused('required', 'decisionId is required', 'decisionId');
}

/** The same decisionId came with a different decision (or from someone else). */
export function decisionIdReused(decisionId: string): Refusal {
  return ruleRefused(
    'decision-id-reused',
    `decisionId ${decisionId} was already used for a different decision`,
    'decisionId',
  );
}

/** An Update named for one decision type carried another. */
export function decisionTypeMismatch(expected: string, carried: unknown): Refusal {
  return ruleRefused(
    'decision-type-mismatch',
    `the ${expected} update carries a decision of type ${String(carried)}`,
    'type',
  );
}

/** A decision whose last rule only the database can judge is being checked. */
export function decisionInProgress(): Refusal {
  return wrongStage(
    'decision-in-progress',
    'Another decision on this project is being checked; retry in a moment.',
  );
}

/** The mentor's places are all taken, or the mentor can no longer take the project. */
export function mentorPlaceRefused(reason: string, message: string): Refusal {
  return reason === 'no_spare_capacity'
    ? ruleRefused('no-spare-capacity', message, 'mentorId')
    : ruleRefused('mentor-unavailable', message, 'mentorId');
}

/**
 * A mentor judged unable to take the project from current data, when assigned or accepting
 * (the path of projects that started after those checks were added), each reason its own rule.
 */
export function mentorUnavailableRefused(
  reason: MentorUnavailableReason,
  message: string,
): Refusal {
  switch (reason) {
    case 'unknown_mentor':
      return ruleRefused('unknown-mentor', message, 'mentorId');
    case 'inactive':
      return ruleRefused('mentor-inactive', message, 'mentorId');
    case 'conflict_of_interest':
      return ruleRefused('mentor-conflict-of-interest', message, 'mentorId');
    case 'no_spare_capacity':
      return ruleRefused('no-spare-capacity', message, 'mentorId');
  }
}

export function practiceFundBudgetExceeded(message: string): Refusal {
  return ruleRefused('practice-fund-budget-exceeded', message, 'amountFen');
}

export function reviewerReadOnly(): Refusal {
  return ruleRefused('reviewer-read-only', 'Reviewers may read projects but decide nothing.');
}
