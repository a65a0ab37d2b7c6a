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

/** `inactive` appears only in rankings recorded before inactive mentors were left out. */
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
  /**
   * Candidates ranked below the kept ones and left out, so the ranking a workflow keeps stays
   * small however many mentors there are. Absent in rankings recorded before the bound.
   */
  otherCandidates?: number;
  /** Exclusions left out likewise (full mentors first, then earlier exclusions). */
  otherExcluded?: number;
}

/** Why a mentor cannot take a project now, judged from current data. */
export type MentorUnavailableReason =
  'unknown_mentor' | 'inactive' | 'conflict_of_interest' | 'no_spare_capacity';

export interface MentorUnavailability {
  reason: MentorUnavailableReason;
  message: string;
}

/** Expertise decides most; spare capacity breaks near-ties and spreads the load. */
export const MATCHING_WEIGHTS = { tagOverlap: 70, spareCapacity: 30 } as const;

/**
 * Ranks the active mentors for a project and explains every score and every exclusion, so
 * staff can see why a mentor was (not) proposed; inactive mentors are not ranked at all.
 * Sorted by score, then spare places, then mentor id, so the same inputs always give the same
 * order. With `maxEntries`, at most that many candidates (the best) and exclusions are kept
 * and the rest are counted.
 */
export function rankMentors(
  project: MatchingProject,
  mentors: readonly MentorProfile[],
  options: { maxEntries?: number } = {},
): MentorRanking {
  const candidates: MentorCandidate[] = [];
  const excluded: MentorExclusion[] = [];
  for (const mentor of mentors) {
    if (!mentor.active) continue;
    const exclusion = exclusionOf(project, mentor);
    if (exclusion) excluded.push(exclusion);
    else candidates.push(score(project, mentor));
  }
  candidates.sort(
    (a, b) =>
      b.score - a.score || b.freePlaces - a.freePlaces || compareIds(a.mentorId, b.mentorId),
  );
  const max = options.maxEntries ?? Infinity;
  // Conflicts are kept first: the workflow records each one as the project's exclusion.
  const keptExcluded = [...excluded]
    .sort((a, b) => keepOrder(a) - keepOrder(b) || compareIds(a.mentorId, b.mentorId))
    .slice(0, max)
    .sort((a, b) => compareIds(a.mentorId, b.mentorId));
  return {
    candidates: candidates.slice(0, max),
    excluded: keptExcluded,
    otherCandidates: Math.max(candidates.length - max, 0),
    otherExcluded: excluded.length - keptExcluded.length,
  };
}

function keepOrder(exclusion: MentorExclusion): number {
  if (exclusion.reason === 'conflict_of_interest') return 0;
  return exclusion.reason === 'no_spare_capacity' ? 2 : 1;
}

/**
 * Whether a mentor can take the project now, from current data: the checks of the ranking
 * repeated when staff assign the mentor and when the mentor accepts, since the mentor may have
 * been deactivated, declared a conflict or filled up since the ranking. `capacity: false` when
 * the caller counts places itself (under the lock that takes one).
 */
export function mentorUnavailability(
  project: MatchingProject,
  mentorId: string,
  mentor: MentorProfile | undefined,
  options: { capacity?: boolean } = {},
): MentorUnavailability | null {
  if (!mentor) return { reason: 'unknown_mentor', message: `No mentor has the id ${mentorId}.` };
  if (!mentor.active) {
    return { reason: 'inactive', message: `${mentor.name} is not an active mentor.` };
  }
  const conflict = conflictOf(project, mentor);
  if (conflict) return { reason: 'conflict_of_interest', message: conflict };
  if (options.capacity !== false && mentor.capacity - mentor.activeProjects <= 0) {
    return { reason: 'no_spare_capacity', message: fullMessage(mentor) };
  }
  return null;
}

function fullMessage(mentor: MentorProfile): string {
  return `${mentor.name} already mentors ${mentor.activeProjects} of at most ${mentor.capacity} projects.`;
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
    return { mentorId, reason: 'no_spare_capacity', detail: fullMessage(mentor) };
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
