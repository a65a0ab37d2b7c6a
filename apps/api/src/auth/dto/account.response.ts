import type { User } from '@app/persistence';

/** The signed-in person as they see themselves (`GET /me`). */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  mentorId: string | null;
  language: string;
  emailNotifications: boolean;
}

export interface SessionResponse {
  /** The session's bearer token: shown once, never stored. */
  token: string;
  tokenType: 'Bearer';
  expiresAt: Date;
  user: AccountView;
}

export function accountView(user: User): AccountView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    mentorId: user.mentorId,
    language: user.language,
    emailNotifications: user.emailNotifications,
  };
}
