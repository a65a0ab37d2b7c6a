import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Actor, MATCHING_WEIGHTS, matchingProjectOf, rankMentors } from '@app/domain';
import { Mentor, mentorProfilesFor } from '@app/persistence';
import { stateQuery } from '@app/workflows/public-api';
import {
  AdminAuditActor,
  AdminAuditService,
  AdminOperation,
  changedFields,
} from '../admin-audit/admin-audit.service';
import { ProjectAccessService } from '../projects/project-access.service';
import { TemporalGateway } from '../temporal/temporal.gateway';
import {
  CreateMentorDto,
  ListMentorsQuery,
  MentorSelfProfileDto,
  UpdateMentorDto,
} from './dto/mentor.dto';
import { MentorCandidatesView, MentorPage, mentorView, MentorView } from './dto/mentor.response';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The mentors projects are matched with: staff keep the records, a mentor keeps their own
 * expertise and conflicts, and the candidate list ranks them for a project exactly as the
 * worker's matching activity does (same SQL, same domain rules), computed fresh.
 */
@Injectable()
export class MentorsService {
  constructor(
    @InjectRepository(Mentor) private readonly mentors: Repository<Mentor>,
    private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly temporal: TemporalGateway,
    private readonly audit: AdminAuditService,
  ) {}

  async create(body: CreateMentorDto, actor: AdminAuditActor): Promise<MentorView> {
    const id = await this.audit.audited(actor, 'mentorCreated', async (manager) => {
      const repository = manager.getRepository(Mentor);
      const mentor = await repository.save(
        repository.create({
          name: body.name,
          organisation: body.organisation,
          capacity: body.capacity,
          expertiseTags: unique(body.expertiseTags ?? []),
          declaredConflicts: unique(body.declaredConflicts ?? []),
          email: body.email ?? null,
          active: true,
        }),
      );
      return {
        result: mentor.id,
        target: { kind: 'mentor', id: mentor.id },
        details: { mentor: auditedMentor(mentor) },
      };
    });
    return this.view(id);
  }

  async list(query: ListMentorsQuery): Promise<MentorPage> {
    const [rows, total] = await this.mentors.findAndCount({
      where: query.active === undefined ? {} : { active: query.active },
      order: { name: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const loads = await this.loads(rows.map((row) => row.id));
    return {
      items: rows.map((row) => mentorView(row, loads.get(row.id) ?? 0)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async view(mentorId: string): Promise<MentorView> {
    const mentor = await this.found(mentorId);
    const loads = await this.loads([mentor.id]);
    return mentorView(mentor, loads.get(mentor.id) ?? 0);
  }

  async update(
    mentorId: string,
    body: UpdateMentorDto,
    actor: AdminAuditActor,
  ): Promise<MentorView> {
    const mentor = await this.found(mentorId);
    await this.changeAudited(mentor, actor, 'mentorChanged', {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.organisation !== undefined && { organisation: body.organisation }),
      ...(body.capacity !== undefined && { capacity: body.capacity }),
      ...(body.email !== undefined && { email: body.email }),
      ...selfFields(body),
    });
    return this.view(mentor.id);
  }

  /**
   * An inactive mentor is no longer ranked nor may take a new project; the projects they
   * already mentor keep them until staff replace them.
   */
  async setActive(mentorId: string, active: boolean, actor: AdminAuditActor): Promise<MentorView> {
    const mentor = await this.found(mentorId);
    if (mentor.active !== active) {
      await this.changeAudited(mentor, actor, active ? 'mentorReactivated' : 'mentorDeactivated', {
        active,
      });
    }
    return this.view(mentor.id);
  }

  async ownProfile(actor: Actor): Promise<MentorView> {
    return this.view(ownMentorId(actor));
  }

  async updateOwnProfile(
    actor: Actor,
    body: MentorSelfProfileDto,
    auditActor: AdminAuditActor,
  ): Promise<MentorView> {
    const mentorId = ownMentorId(actor);
    const mentor = await this.found(mentorId);
    await this.changeAudited(mentor, auditActor, 'mentorProfileChanged', selfFields(body));
    return this.view(mentorId);
  }

  /** Applies the fields and appends the audit row of what changed, in one transaction. */
  private async changeAudited(
    mentor: Mentor,
    actor: AdminAuditActor,
    operation: AdminOperation,
    fields: Partial<Mentor>,
  ): Promise<void> {
    const before = auditedMentor(mentor);
    const after = auditedMentor({ ...mentor, ...fields });
    const changes = changedFields(before, after);
    if (Object.keys(changes).length === 0) return; // nothing changes, so nothing is recorded
    await this.audit.audited(actor, operation, async (manager) => {
      await manager.getRepository(Mentor).update(mentor.id, { ...fields, updatedAt: new Date() });
      return { result: undefined, target: { kind: 'mentor', id: mentor.id }, details: { changes } };
    });
  }

  async candidates(projectId: string, actor: Actor): Promise<MentorCandidatesView> {
    const project = await this.access.visibleProject(projectId, actor, 'mentorCandidates');
    if (project.status === 'CLOSED') {
      throw new ConflictException({
        message: `project ${projectId} is closed: it has no mentor to match`,
        rule: 'project-closed',
      });
    }
    const view = await this.temporal.call((client) =>
      client.workflow.getHandle(project.workflowId).query(stateQuery),
    );
    const profiles = await mentorProfilesFor(this.dataSource, projectId);
    const ranking = rankMentors(matchingProjectOf(view.state), profiles);
    const byId = new Map(profiles.map((profile) => [profile.mentorId, profile]));
    const named = (mentorId: string) => ({
      name: byId.get(mentorId)?.name ?? '',
      organisation: byId.get(mentorId)?.organisation ?? '',
    });
    return {
      projectId,
      stage: view.state.stage,
      weights: { ...MATCHING_WEIGHTS },
      candidates: ranking.candidates.map((candidate) => ({
        mentorId: candidate.mentorId,
        ...named(candidate.mentorId),
        score: candidate.score,
        parts: candidate.parts,
        sharedTags: candidate.sharedTags,
        freePlaces: candidate.freePlaces,
        explanation: candidate.explanation,
      })),
      excluded: ranking.excluded.map((exclusion) => ({
        mentorId: exclusion.mentorId,
        ...named(exclusion.mentorId),
        reason: exclusion.reason,
        detail: exclusion.detail,
      })),
      computedAt: new Date().toISOString(),
    };
  }

  private async found(mentorId: string): Promise<Mentor> {
    const mentor = UUID.test(mentorId) ? await this.mentors.findOneBy({ id: mentorId }) : null;
    if (!mentor) throw new NotFoundException(`mentor ${mentorId} not found`);
    return mentor;
  }

  /** Places held now, per mentor. */
  private async loads(mentorIds: string[]): Promise<Map<string, number>> {
    if (mentorIds.length === 0) return new Map();
    const rows: { mentor_id: string; held: number }[] = await this.dataSource.query(
      `SELECT mentor_id, count(*)::int AS held FROM mentor_assignments
        WHERE released_at IS NULL AND mentor_id = ANY($1::uuid[]) GROUP BY mentor_id`,
      [mentorIds],
    );
    return new Map(rows.map((row) => [row.mentor_id, row.held]));
  }
}

/** The fields of a mentor record an audit row shows. */
function auditedMentor(mentor: Mentor): Record<string, unknown> {
  return {
    name: mentor.name,
    organisation: mentor.organisation,
    capacity: mentor.capacity,
    expertiseTags: mentor.expertiseTags,
    declaredConflicts: mentor.declaredConflicts,
    email: mentor.email,
    active: mentor.active,
  };
}

function ownMentorId(actor: Actor): string {
  // The roles guard admits only mentors, and every mentor user is linked to a mentor record.
  if (!actor.mentorId) throw new NotFoundException('you have no mentor profile');
  return actor.mentorId;
}

function selfFields(body: MentorSelfProfileDto): Partial<Mentor> {
  return {
    ...(body.expertiseTags !== undefined && { expertiseTags: unique(body.expertiseTags) }),
    ...(body.declaredConflicts !== undefined && {
      declaredConflicts: unique(body.declaredConflicts),
    }),
  };
}

/** The same name written twice (in any case) is one tag. */
function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
