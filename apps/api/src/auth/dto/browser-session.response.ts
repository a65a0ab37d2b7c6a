import type { AccountView } from './account.response';

/** A browser's sign-in: the session itself travels in the HttpOnly cookie, not here. */
export interface BrowserSessionResponse {
  expiresAt: Date;
  user: AccountView;
}
