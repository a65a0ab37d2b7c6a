import type { FastifyRequest } from 'fastify';
import type { ActorRole } from '@app/domain';
import type { TokenKind } from './bearer-tokens';

/** Who is calling, as the authentication guard found them from their bearer token. */
export interface AuthenticatedCaller {
  userId: string;
  username: string;
  role: ActorRole;
  /** Set for mentors: the mentor record this user acts as. */
  mentorId: string | null;
  tokenId: string;
  tokenKind: TokenKind;
}

export interface AuthenticatedRequest extends FastifyRequest {
  caller?: AuthenticatedCaller;
}
