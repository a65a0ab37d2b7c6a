import type { Mentor } from '@app/persistence';
import type { MentorExclusionReason } from '@app/domain';

export interface MentorView {
  mentorId: string;
  name: string;
  organisation: string;
  expertiseTags: string[];
  capacity: number;
  /** Places held by projects now. */
  activeProjects: number;
  declaredConflicts: string[];
  email: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MentorPage {
  items: MentorView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface MentorCandidateView {
  mentorId: string;
  name: string;
  organisation: string;
  /** 0–100, the sum of `parts`. */
  score: number;
  parts: { tagOverlap: number; spareCapacity: number };
  sharedTags: string[];
  freePlaces: number;
  explanation: string;
}

export interface MentorExclusionView {
  mentorId: string;
  name: string;
  organisation: string;
  reason: MentorExclusionReason;
  detail: string;
}

export interface MentorCandidatesView {
  projectId: string;
  stage: string;
  /** Points each part can give at most. */
  weights: { tagOverlap: number; spareCapacity: number };
  /** Best first. */
  candidates: MentorCandidateView[];
  excluded: MentorExclusionView[];
  computedAt: string;
}

export function mentorView(mentor: Mentor, activeProjects: number): MentorView {
  return {
    mentorId: mentor.id,
    name: mentor.name,
    organisation: mentor.organisation,
    expertiseTags: mentor.expertiseTags,
    capacity: mentor.capacity,
    activeProjects,
    declaredConflicts: mentor.declaredConflicts,
    email: mentor.email,
    active: mentor.active,
    createdAt: mentor.createdAt.toISOString(),
    updatedAt: mentor.updatedAt.toISOString(),
  };
}
