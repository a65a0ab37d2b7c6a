import type { AuthToken, User } from '@app/persistence';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  mentorId: string | null;
  language: string;
  emailNotifications: boolean;
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
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    mentorId: user.mentorId,
    language: user.language,
    emailNotifications: user.emailNotifications,
    active: user.active,
    createdAt: user.createdAt,
  };
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
