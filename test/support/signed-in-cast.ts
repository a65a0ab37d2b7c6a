import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ActorRole } from '@app/domain';
import { createRoomyMentor, HttpAs, signedInUser } from './http-client';
import { IntegrationContext, openIntegrationContext } from './integration-context';
import { bootApi } from './test-api';

/** A suite's API with its people signed in, and the one mentor record its mentors act as. */
export interface SignedInCast {
  ctx: IntegrationContext;
  app: NestFastifyApplication;
  /** The roomy mentor record every mentor of the cast signs in as. */
  mentorId: string;
  /** One signed-in client per role asked for, in the same order. */
  people: HttpAs[];
  close(): Promise<void>;
}

/**
 * The usual beforeAll of an HTTP suite: a scratch context, the API booted on it, a mentor
 * record with room, and one signed-in user per role given (a role may appear twice).
 */
export async function signedInCast(name: string, roles: ActorRole[]): Promise<SignedInCast> {
  const ctx = await openIntegrationContext(name);
  let app: NestFastifyApplication | undefined;
  const close = async (): Promise<void> => {
    await app?.close();
    await ctx.close();
  };
  try {
    app = await bootApi(ctx.config);
    const booted = app;
    const mentorId = await createRoomyMentor(ctx.db);
    const people = await Promise.all(
      roles.map((role) =>
        signedInUser(booted, ctx.db, role, role === 'mentor' ? { mentorId } : {}),
      ),
    );
    return { ctx, app, mentorId, people, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A domain decision as an HTTP body: the route names its type. */
export function bodyOf(decision: object): object {
  return Object.fromEntries(Object.entries(decision).filter(([key]) => key !== 'type'));
}
