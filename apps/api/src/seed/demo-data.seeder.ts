import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, DecisionResult } from '@app/domain';
import {
  insertMentorWithId,
  mentorExists,
  practiceFundBudgetIsSet,
  uploadedDocumentWithContent,
  userIdByUsername,
} from '@app/persistence';
import { AdminAuditService, SEED_ACTOR } from '../admin-audit/admin-audit.service';
import { AdminUsersService } from '../admin-users/admin-users.service';
import { DecisionsService } from '../decisions/decisions.service';
import { PlanDocumentsService } from '../plan-documents/plan-documents.service';
import { shanghaiDate } from '../portfolio/portfolio.service';
import { PracticeFundService } from '../practice-fund/practice-fund.service';
import { ProjectSubmissionService } from '../projects/project-submission.service';
import {
  DEMO_MENTORS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  demoProjects,
  DemoActor,
  DemoPlanVersion,
} from './demo-data';

export interface SeedReport {
  projects: { key: string; projectId: string; stage: string }[];
  signIn: string[];
}

/**
 * Demo data for a person trying the system: people, mentors and a dozen projects in every
 * stage, each reached by real decisions through the API's own services (so through real
 * workflows). Fixed idempotency keys and decision ids make a second run change nothing.
 */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: AdminUsersService,
    private readonly submissions: ProjectSubmissionService,
    private readonly decisions: DecisionsService,
    private readonly audit: AdminAuditService,
    private readonly practiceFund: PracticeFundService,
    private readonly planDocuments: PlanDocumentsService,
  ) {}

  async seed(): Promise<SeedReport> {
    await this.seedMentors();
    await this.seedPracticeFund();
    const people = await this.seedPeople();
    const report: SeedReport = {
      projects: [],
      signIn: [...DEMO_PEOPLE.map((p) => p.username), ...DEMO_MENTORS.map((m) => m.username)],
    };
    for (const project of demoProjects()) {
      const submitted = await this.submissions.submit(
        people.staff1,
        project.key,
        project.application,
      );
      const mentor = DEMO_MENTORS[project.mentorIndex];
      const actors: Record<DemoActor, Actor> = {
        staff1: people.staff1,
        staff2: people.staff2,
        mentor: { userId: people.mentors[mentor.id], role: 'mentor', mentorId: mentor.id },
      };
      let stage = submitted.state?.stage ?? 'APPLICATION';
      for (const [index, [who, step]] of project.steps.entries()) {
        const decisionId = `${project.key}-step-${index + 1}`;
        const result =
          step.type === 'submitPlanVersion' && 'content' in step
            ? await this.submitPlanVersion(submitted.projectId, actors[who], step, decisionId)
            : await this.decisions.decide(submitted.projectId, actors[who], step, decisionId);
        stage = result.stage;
      }
      report.projects.push({ key: project.key, projectId: submitted.projectId, stage });
      this.logger.log(`${project.key}: ${project.application.title} → ${stage}`);
    }
    return report;
  }

  /**
   * Uploads the plan's document as staff would (stored and hashed by the server), once per
   * project, then submits the version by its documentId through the same service as HTTP.
   */
  private async submitPlanVersion(
    projectId: string,
    actor: Actor,
    plan: DemoPlanVersion,
    decisionId: string,
  ): Promise<DecisionResult> {
    const sha256 = createHash('sha256').update(plan.content).digest('hex');
    let documentId = await uploadedDocumentWithContent(
      this.dataSource,
      projectId,
      sha256,
      plan.fileName,
    );
    if (!documentId) {
      const dir = await mkdtemp(join(tmpdir(), 'demo-plan-'));
      const path = join(dir, plan.fileName);
      try {
        await writeFile(path, plan.content);
        const file = {
          path,
          originalname: plan.fileName,
          mimetype: 'application/pdf',
          size: plan.content.length,
        };
        ({ documentId } = await this.planDocuments.upload(projectId, actor, file));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return this.decisions.submitPlanVersion(
      { type: 'submitPlanVersion', projectId, actor, idempotencyKey: undefined },
      { decisionId, documentId, summaries: plan.summaries },
    );
  }

  /** The center puts 2,000,000 yuan a year into the innovation practice fund: this year's. */
  private async seedPracticeFund(): Promise<void> {
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    if (!(await practiceFundBudgetIsSet(this.dataSource, year)))
      await this.practiceFund.setBudget(year, 200_000_000, SEED_ACTOR);
  }

  private async seedMentors(): Promise<void> {
    for (const mentor of DEMO_MENTORS) {
      if (await mentorExists(this.dataSource, mentor.id)) continue;
      const email = `${mentor.username}@mentors.example.edu.cn`;
      // Fixed ids (the demo projects name them), so not through MentorsService.create.
      await this.audit.audited(SEED_ACTOR, 'mentorCreated', async (manager) => {
        await insertMentorWithId(manager, {
          id: mentor.id,
          name: mentor.name,
          organisation: mentor.organisation,
          expertiseTags: mentor.expertiseTags,
          capacity: mentor.capacity,
          email,
        });
        return {
          result: undefined,
          target: { kind: 'mentor', id: mentor.id },
          details: {
            mentor: {
              name: mentor.name,
              organisation: mentor.organisation,
              capacity: mentor.capacity,
              expertiseTags: mentor.expertiseTags,
              declaredConflicts: [],
              email,
            },
          },
        };
      });
    }
  }

  /** Creates each demo account once; returns the actors the projects' decisions use. */
  private async seedPeople(): Promise<{
    staff1: Actor;
    staff2: Actor;
    mentors: Record<string, string>;
  }> {
    const ids: Record<string, string> = {};
    const accounts = [
      ...DEMO_PEOPLE.map((person) => ({ ...person, mentorId: undefined as string | undefined })),
      ...DEMO_MENTORS.map((mentor) => ({
        username: mentor.username,
        displayName: mentor.name,
        role: 'mentor' as const,
        mentorId: mentor.id,
      })),
    ];
    for (const account of accounts) {
      ids[account.username] =
        (await userIdByUsername(this.dataSource, account.username)) ??
        (
          await this.users.create(
            {
              username: account.username,
              displayName: account.displayName,
              email: `${account.username}@incubation.example.edu.cn`,
              role: account.role,
              mentorId: account.mentorId,
              password: DEMO_PASSWORD,
            },
            SEED_ACTOR,
          )
        ).id;
    }
    return {
      staff1: { userId: ids['staff.li'], role: 'staff' },
      staff2: { userId: ids['staff.zhou'], role: 'staff' },
      mentors: Object.fromEntries(DEMO_MENTORS.map((mentor) => [mentor.id, ids[mentor.username]])),
    };
  }
}
