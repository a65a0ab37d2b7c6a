import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import request, { Response } from 'supertest';
import type { ActorRole } from '@app/domain';
import { uniqueSuffix } from './fixtures';
import { UploadedPlan } from './plan-uploads';
import { createTestUser, signIn, TestUser } from './test-api';

export interface SignedInUser extends TestUser {
  token: string;
}

/** Requests as one signed-in user; decisions get a fresh decisionId unless one is given. */
export class HttpAs {
  constructor(
    private readonly app: NestFastifyApplication,
    readonly user: SignedInUser,
  ) {}

  get(path: string, query: Record<string, string> = {}): Promise<Response> {
    return request(this.app.getHttpServer())
      .get(path)
      .query(query)
      .set('Authorization', `Bearer ${this.user.token}`);
  }

  post(path: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
    return request(this.app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${this.user.token}`)
      .set(headers)
      .send(body);
  }

  patch(path: string, body: object): Promise<Response> {
    return request(this.app.getHttpServer())
      .patch(path)
      .set('Authorization', `Bearer ${this.user.token}`)
      .send(body);
  }

  put(path: string, body: object): Promise<Response> {
    return request(this.app.getHttpServer())
      .put(path)
      .set('Authorization', `Bearer ${this.user.token}`)
      .send(body);
  }

  delete(path: string): Promise<Response> {
    return request(this.app.getHttpServer())
      .delete(path)
      .set('Authorization', `Bearer ${this.user.token}`);
  }

  /** One file as multipart/form-data in the field `file`. */
  upload(path: string, content: Buffer, fileName: string, contentType: string): Promise<Response> {
    return request(this.app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${this.user.token}`)
      .attach('file', content, { filename: fileName, contentType });
  }

  /**
   * A decision on a project: POST /projects/:id/<action> with a decisionId. An UploadedPlan
   * body uploads its document first and sends its documentId.
   */
  async decide(
    projectId: string,
    action: string,
    body: object | UploadedPlan,
    decisionId: string = randomUUID(),
  ): Promise<Response> {
    const fields = body instanceof UploadedPlan ? await body.bodyFor(this, projectId) : body;
    return this.post(`/projects/${projectId}/${action}`, { decisionId, ...fields });
  }
}

/** A mentor record with room for many projects, for tests that drive several through it. */
export async function createRoomyMentor(
  db: Pool,
  organisation = 'Roomy Mentoring Ltd',
): Promise<string> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO mentors (name, organisation, expertise_tags, capacity)
     VALUES ($1, $2, '{robotics,optics}', 1000) RETURNING id`,
    [`Mentor ${uniqueSuffix()}`, organisation],
  );
  return inserted.rows[0].id;
}

export async function signedInUser(
  app: NestFastifyApplication,
  db: Pool,
  role: ActorRole,
  options: { mentorId?: string } = {},
): Promise<HttpAs> {
  const user = await createTestUser(db, role, options);
  return new HttpAs(app, { ...user, token: await signIn(app, user) });
}
