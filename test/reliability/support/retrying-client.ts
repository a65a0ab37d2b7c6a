import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { ActorRole, Application } from '@app/domain';
import { PlanUploader, UploadedPlan } from '../../support/plan-uploads';
import { createTestUser, TestUser } from '../../support/test-api';
import { ScenarioTally, SentDecision } from './tally';

export interface HttpAnswer {
  /** 0: no answer at all (connection refused or cut, or the client's own timeout). */
  status: number;
  body: Record<string, unknown>;
}

export interface RetryPolicy {
  /**
   * Retry a 5xx or a missing answer with the same decisionId / Idempotency-Key, as the API's
   * 503 message asks. False is the seam of the "bite" runs: a client that gives up at once.
   */
  retry: boolean;
  /** A retried request is abandoned (left unresolved) this long after its first attempt. */
  giveUpAfterMs: number;
  /** Per attempt: no answer by then counts as none. */
  attemptTimeoutMs: number;
}

export const PATIENT: RetryPolicy = {
  retry: true,
  giveUpAfterMs: 120_000,
  attemptTimeoutMs: 30_000,
};

/**
 * One person's client over real HTTP (fetch), the way a careful console or script behaves:
 * every decision carries a decisionId chosen once, every start an Idempotency-Key chosen once,
 * and an answer ≥ 500 or none is retried with the same one until the request ends.
 */
export class RetryingClient implements PlanUploader {
  constructor(
    readonly name: string,
    readonly user: TestUser,
    private token: string,
    private readonly baseUrl: () => string,
    private readonly tally: ScenarioTally,
    readonly policy: RetryPolicy = PATIENT,
  ) {}

  static async signedIn(
    name: string,
    db: Pool,
    role: ActorRole,
    baseUrl: () => string,
    tally: ScenarioTally,
    options: { mentorId?: string; policy?: RetryPolicy } = {},
  ): Promise<RetryingClient> {
    const user = await createTestUser(db, role, { mentorId: options.mentorId });
    const client = new RetryingClient(name, user, '', baseUrl, tally, options.policy);
    await client.signIn();
    return client;
  }

  async signIn(): Promise<void> {
    const answer = await this.once('POST', '/auth/sessions', {
      username: this.user.username,
      password: this.user.password,
    });
    if (answer.status !== 201) throw new Error(`${this.name} could not sign in: ${answer.status}`);
    this.token = answer.body.token as string;
  }

  get bearer(): string {
    return this.token;
  }

  /** One attempt; a 5xx or a missing answer is noted in the tally with its time. */
  async once(
    method: string,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const from = Date.now();
    let answer: HttpAnswer;
    try {
      const response = await fetch(`${this.baseUrl()}${path}`, {
        method,
        headers: {
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.policy.attemptTimeoutMs),
      });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = { text };
      }
      answer = { status: response.status, body: parsed };
    } catch (error) {
      answer = { status: 0, body: { error: (error as Error).message } };
    }
    if (answer.status >= 500 || answer.status === 0) {
      this.tally.serverError(answer.status, from, `${this.name} ${method} ${path}`);
    }
    return answer;
  }

  get(path: string): Promise<HttpAnswer> {
    return this.once('GET', path);
  }

  /**
   * One file as multipart/form-data in the field `file`, retried on a 5xx or no answer like a
   * decision (a second upload of the same bytes is harmless: the plan version names one).
   */
  async upload(
    path: string,
    content: Buffer,
    fileName: string,
    contentType: string,
  ): Promise<HttpAnswer> {
    const giveUpAt = Date.now() + this.policy.giveUpAfterMs;
    for (;;) {
      const form = new FormData();
      form.append('file', new Blob([content], { type: contentType }), fileName);
      const from = Date.now();
      let answer: HttpAnswer;
      try {
        const response = await fetch(`${this.baseUrl()}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.token}` },
          body: form,
          signal: AbortSignal.timeout(this.policy.attemptTimeoutMs),
        });
        answer = { status: response.status, body: (await response.json()) as HttpAnswer['body'] };
      } catch (error) {
        answer = { status: 0, body: { error: (error as Error).message } };
      }
      if (answer.status > 0 && answer.status < 500) return answer;
      this.tally.serverError(answer.status, from, `${this.name} POST ${path}`);
      if (!this.policy.retry || Date.now() > giveUpAt) return answer;
      await sleep(500);
    }
  }

  /** Sends until an answer below 500 (or the policy gives up) and records how it ended. */
  private async untilAnswered(
    sent: SentDecision,
    attempt: () => Promise<HttpAnswer>,
  ): Promise<SentDecision> {
    this.tally.sent.push(sent);
    const giveUpAt = Date.now() + this.policy.giveUpAfterMs;
    let pause = 200;
    for (;;) {
      sent.attempts += 1;
      const answer = await attempt();
      sent.lastStatus = answer.status;
      if (answer.status > 0 && answer.status < 500) {
        if (answer.status === 200 || answer.status === 201) {
          sent.ending = 'accepted';
          sent.answer = answer.body;
        } else {
          sent.ending = 'refused';
          sent.answer = answer.body;
        }
        return sent;
      }
      if (!this.policy.retry || Date.now() > giveUpAt) return sent;
      await sleep(pause);
      pause = Math.min(pause * 2, 2_000);
    }
  }

  /** An UploadedPlan body uploads its document once, before the first attempt. */
  async decide(
    projectId: string,
    action: string,
    body: object | UploadedPlan,
    decisionId: string = randomUUID(),
  ): Promise<SentDecision> {
    const fields = body instanceof UploadedPlan ? await body.bodyFor(this, projectId) : body;
    const sent: SentDecision = {
      kind: 'decision',
      client: this.name,
      action,
      key: decisionId,
      projectId,
      ending: 'unresolved',
      attempts: 0,
      lastStatus: 0,
    };
    return this.untilAnswered(sent, () =>
      this.once('POST', `/projects/${projectId}/${action}`, { decisionId, ...fields }),
    );
  }

  async submit(application: Application, key: string = `start-${randomUUID()}`) {
    const sent: SentDecision = {
      kind: 'start',
      client: this.name,
      action: 'POST /projects',
      key,
      college: application.college,
      ending: 'unresolved',
      attempts: 0,
      lastStatus: 0,
    };
    await this.untilAnswered(sent, () =>
      this.once('POST', '/projects', application, { 'Idempotency-Key': key }),
    );
    if (sent.ending === 'accepted') sent.projectId = sent.answer?.projectId as string;
    return sent;
  }
}
