import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  HttpCode,
  Post,
  SetMetadata,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Actor, DecisionType } from '@app/domain';
import { Roles } from '../auth';
import { actorOf } from '../auth/current-actor.decorator';
import type { AuthenticatedRequest } from '../auth/authenticated-caller';
import { decisionRoles } from './decision-roles';

const DECISION_TYPE = 'decisions:type';

/** Who asks for which decision on which project: everything of a decision request but its body. */
export interface DecisionCall {
  type: DecisionType;
  projectId: string;
  actor: Actor;
  /** The Idempotency-Key header, if sent: it must then equal the body's decisionId. */
  idempotencyKey: string | undefined;
}

/**
 * One decision's endpoint: `POST projects/:projectId/<path>`, answering 200 with the decision's
 * result, open to the roles the domain's permission table names for it.
 */
export const DecisionEndpoint = (path: string, type: DecisionType): MethodDecorator =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    Roles(...decisionRoles(type)),
    ApiParam({ name: 'projectId', type: String }),
    SetMetadata(DECISION_TYPE, type),
  );

/** The {@link DecisionCall} of a handler declared with {@link DecisionEndpoint}. */
export const Decider = createParamDecorator(
  (_data: unknown, context: ExecutionContext): DecisionCall => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return {
      type: Reflect.getMetadata(DECISION_TYPE, context.getHandler()) as DecisionType,
      projectId: (request.params as Record<string, string>).projectId,
      actor: actorOf(context),
      // As @Headers('idempotency-key') reads it.
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
    };
  },
);
