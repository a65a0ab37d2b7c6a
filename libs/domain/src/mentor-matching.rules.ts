import { normaliseName } from './field-checks.rules';
import { ExclusionReason, ProjectState } from './project-state.types';

export interface MatchingProject {
  fieldTags: string[];
  /** Organisations the team members also work for. */
  teamAffiliations: string[];
  /** Organisations the team declares a conflict with. */
  declaredConflicts: string[];
  /** The team's college: a mentor who declares a conflict with it is excluded. */
  college?: string;
  /** Mentors this project already excluded (declined, timed out, replaced, conflict). */
  excludedMentorIds: { mentorId: string; reason: ExclusionReason }[];
}

export interface MentorProfile {
  mentorId: string;
  name: string;
  organisation: string;
  expertiseTags: string[];
  /** Maximum number of active projects. */
  capacity: number;
  activeProjects: number;
  declaredConflicts: string[];
  active: boolean;
}

export interface MentorCandidate {
  mentorId: string;
  /** 0–100: `parts.tagOverlap + parts.spareCapacity`. */
  score: number;
  parts: { tagOverlap: number; spareCapacity: number };
  sharedTags: string[];
  freePlaces: number;
  explanation: string;
}

export type MentorExclusionReason =
  'conflict_of_interest' | 'no_spare_capacity' | 'declined' | 'timed_out' | 'replaced' | 'inactive';

export interface MentorExclusion {
  mentorId: string;
  reason: MentorExclusionReason;
  detail: string;
}

export interface MentorRanking {
  candidates: MentorCandidate[];
  excluded: MentorExclusion[];
}

/** Expertise decides most; spare capacity breaks near-ties and spreads the load. */
export const MATCHING_WEIGHTS = { tagOverlap: 70, spareCapacity: 30 } as const;

/**
 * Ranks mentors for a project and explains every score and every exclusion, so staff can see
 * why a mentor was (not) proposed. Sorted by score, then spare places, then mentor id, so the
 * same inputs always give the same order.
 */
export function rankMentors(
  project: MatchingProject,
  mentors: readonly MentorProfile[],
): MentorRanking {
  const candidates: MentorCandidate[] = [];
  const excluded: MentorExclusion[] = [];
  for (const mentor of mentors) {
    const exclusion = exclusionOf(project, mentor);
    if (exclusion) excluded.push(exclusion);
    else candidates.push(score(project, mentor));
  }
  candidates.sort(
    (a, b) =>
      b.score - a.score || b.freePlaces - a.freePlaces || compareIds(a.mentorId, b.mentorId),
  );
  excluded.sort((a, b) => compareIds(a.mentorId, b.mentorId));
  return { candidates, excluded };
}

/** The matching input for a project as the workflow holds it. */
export function matchingProjectOf(state: ProjectState): MatchingProject {
  const { application } = state;
  return {
    fieldTags: application.fieldTags,
    teamAffiliations: application.teamMembers
      .map((member) => member.affiliation)
      .filter((affiliation): affiliation is string => affiliation !== undefined),
    declaredConflicts: application.declaredConflicts ?? [],
    college: application.college,
    excludedMentorIds: state.matching.excludedMentors.map(({ mentorId, reason }) => ({
      mentorId,
      reason,
    })),
  };
}

function exclusionOf(project: MatchingProject, mentor: MentorProfile): MentorExclusion | null {
  const { mentorId } = mentor;
  if (!mentor.active) {
    return { mentorId, reason: 'inactive', detail: `${mentor.name} is not an active mentor.` };
  }
  const earlier = project.excludedMentorIds.find((e) => e.mentorId === mentorId);
  if (earlier) {
    const reason = earlier.reason === 'conflict' ? 'conflict_of_interest' : earlier.reason;
    return {
      mentorId,
      reason,
      detail: `${mentor.name} was excluded from this project earlier (${earlier.reason.replace('_', ' ')}).`,
    };
  }
  const conflict = conflictOf(project, mentor);
  if (conflict) return { mentorId, reason: 'conflict_of_interest', detail: conflict };
  const freePlaces = mentor.capacity - mentor.activeProjects;
  if (freePlaces <= 0) {
    return {
      mentorId,
      reason: 'no_spare_capacity',
      detail: `${mentor.name} already mentors ${mentor.activeProjects} of at most ${mentor.capacity} projects.`,
    };
  }
  return null;
}

/** Names compare trimmed and case-insensitively: "Huawei " and "huawei" are one organisation. */
function conflictOf(project: MatchingProject, mentor: MentorProfile): string | null {
  const organisation = normaliseName(mentor.organisation);
  const affiliations = [...project.teamAffiliations, ...(project.college ? [project.college] : [])];
  if (affiliations.some((a) => normaliseName(a) === organisation)) {
    return `${mentor.name} works for ${mentor.organisation}, which a team member is affiliated with.`;
  }
  if (project.declaredConflicts.some((c) => normaliseName(c) === organisation)) {
    return `The team declares a conflict of interest with ${mentor.organisation}, ${mentor.name}'s organisation.`;
  }
  const declared = new Set(mentor.declaredConflicts.map(normaliseName));
  const hit = affiliations.find((a) => declared.has(normaliseName(a)));
  return hit === undefined
    ? null
    : `${mentor.name} declares a conflict of interest with ${hit}, the team's affiliation.`;
}

function score(project: MatchingProject, mentor: MentorProfile): MentorCandidate {
  const expertise = new Set(mentor.expertiseTags.map(normaliseName));
  const projectTags = uniqueByName(project.fieldTags);
  const sharedTags = projectTags.filter((tag) => expertise.has(normaliseName(tag)));
  const freePlaces = mentor.capacity - mentor.activeProjects;
  const tagOverlap =
    projectTags.length === 0
      ? 0
      : Math.round((MATCHING_WEIGHTS.tagOverlap * sharedTags.length) / projectTags.length);
  const spareCapacity = Math.round((MATCHING_WEIGHTS.spareCapacity * freePlaces) / mentor.capacity);
  const total = tagOverlap + spareCapacity;
  const tags = sharedTags.length === 0 ? 'no tags' : sharedTags.join(', ');
  return {
    mentorId: mentor.mentorId,
    score: total,
    parts: { tagOverlap, spareCapacity },
    sharedTags,
    freePlaces,
    explanation:
      `Shares ${sharedTags.length} of ${projectTags.length} expertise tags (${tags}): ${tagOverlap} of ${MATCHING_WEIGHTS.tagOverlap} points; ` +
      `${freePlaces} of ${mentor.capacity} places free: ${spareCapacity} of ${MATCHING_WEIGHTS.spareCapacity} points; score ${total}.`,
  };
}

function uniqueByName(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = normaliseName(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Code-unit order, not locale order: the ranking must not depend on the machine's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
