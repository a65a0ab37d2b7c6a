import type { AuthToken, User } from '@app/persistence';
import { AccountView, accountView } from '../../auth/dto/account.response';

/** What an admin sees of a user: the account, plus whether it is active and since when. */
export interface UserView extends AccountView {
  active: boolean;
  createdAt: Date;
}

export interface UserPage {
  items: UserView[];
  page: number;
  pageSize: number;
  total: number;
}

/** An API token without its secret. */
export interface ApiTokenView {
  id: string;
  userId: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface IssuedApiTokenView extends ApiTokenView {
  /** The bearer token: shown this once, never stored. */
  token: string;
}

export function userView(user: User): UserView {
  return { ...accountView(user), active: user.active, createdAt: user.createdAt };
}

export function apiTokenView(token: AuthToken, now = new Date()): ApiTokenView {
  return {
    id: token.id,
    userId: token.userId,
    name: token.name,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
    status: token.revokedAt ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active',
  };
}
