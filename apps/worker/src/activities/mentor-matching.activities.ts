import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { MatchingProject, MentorRanking, mentorUnavailability, rankMentors } from '@app/domain';
import { mentorProfileOf, mentorProfilesFor } from '@app/persistence';
import type {
  MatchingActivities,
  MentorAvailability,
  MentorPlaceReservation,
} from '@app/workflows/activities.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MentorRow {
  id: string;
  name: string;
  capacity: number;
  active: boolean;
}

/**
 * Mentor matching against the mentors in PostgreSQL. A mentor's load is the number of places
 * held in `mentor_assignments`; taking a place locks the mentor's row, so two projects racing
 * for the last place are served one after the other and the second sees it gone.
 */
@Injectable()
export class MentorMatchingActivities implements MatchingActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The active mentors, ranked; at most MENTOR_RANKING_MAX_CANDIDATES kept, the rest counted. */
  async rankMentorCandidates(input: {
    projectId: string;
    project: MatchingProject;
  }): Promise<MentorRanking> {
    const mentors = await mentorProfilesFor(this.dataSource, input.projectId);
    return rankMentors(input.project, mentors, {
      maxEntries: this.config.MENTOR_RANKING_MAX_CANDIDATES,
    });
  }

  async checkMentorAvailability(input: {
    projectId: string;
    mentorId: string;
    project: MatchingProject;
  }): Promise<MentorAvailability> {
    const { projectId, mentorId, project } = input;
    const mentor = await mentorProfileOf(this.dataSource, projectId, mentorId);
    const unavailable = mentorUnavailability(project, mentorId, mentor);
    return unavailable ? { available: false, ...unavailable } : { available: true };
  }

  async reserveMentorPlace(input: {
    projectId: string;
    mentorId: string;
    project?: MatchingProject;
  }): Promise<MentorPlaceReservation> {
    const { projectId, mentorId, project } = input;
    if (!UUID.test(mentorId)) return unknownMentor(mentorId);
    return this.dataSource.transaction(async (manager) => {
      const mentors: Pick<MentorRow, 'id' | 'name' | 'capacity' | 'active'>[] = await manager.query(
        'SELECT id, name, capacity, active FROM mentors WHERE id = $1 FOR UPDATE',
        [mentorId],
      );
      if (mentors.length === 0) return unknownMentor(mentorId);
      const mentor = mentors[0];
      const held: { project_id: string }[] = await manager.query(
        'SELECT project_id FROM mentor_assignments WHERE mentor_id = $1 AND released_at IS NULL',
        [mentorId],
      );
      // A retry (or a repeated decision) finds the place it took: same answer, no second row.
      if (held.some((row) => row.project_id === projectId)) return { reserved: true };
      if (!mentor.active) {
        return {
          reserved: false,
          reason: 'inactive',
          message: `${mentor.name} is not an active mentor.`,
        };
      }
      if (project) {
        // Judged under the same lock: a conflict declared since the ranking refuses the place.
        const profile = await mentorProfileOf(manager, projectId, mentorId);
        const unavailable = mentorUnavailability(project, mentorId, profile, { capacity: false });
        if (unavailable) return { reserved: false, ...unavailable };
      }
      if (held.length >= mentor.capacity) {
        return {
          reserved: false,
          reason: 'no_spare_capacity',
          message: `${mentor.name} already mentors ${held.length} of at most ${mentor.capacity} projects.`,
        };
      }
      await manager.query(
        'INSERT INTO mentor_assignments (project_id, mentor_id) VALUES ($1, $2)',
        [projectId, mentorId],
      );
      return { reserved: true };
    });
  }

  async releaseMentorPlace(input: { projectId: string; mentorId: string }): Promise<void> {
    if (!UUID.test(input.mentorId)) return;
    await this.dataSource.query(
      `UPDATE mentor_assignments SET released_at = now()
        WHERE project_id = $1 AND mentor_id = $2 AND released_at IS NULL`,
      [input.projectId, input.mentorId],
    );
  }
}

function unknownMentor(mentorId: string): MentorPlaceReservation {
  return {
    reserved: false,
    reason: 'unknown_mentor',
    message: `No mentor has the id ${mentorId}.`,
  };
}
