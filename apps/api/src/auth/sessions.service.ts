import {
  HttpStatus,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '@app/config';
import { User } from '@app/persistence';
import { SecurityLogService } from '../security-log/security-log.service';
import { SecurityRefusalException } from '../security-log/security-refusal.exception';
import { AuthTokensService } from './auth-tokens.service';
import type { AuthenticatedCaller } from './authenticated-caller';
import { AccountView, accountView, SessionResponse } from './dto/account.response';
import { hashPassword, verifyPassword } from './passwords';
import { SignInLockedException, SignInThrottle } from './sign-in-throttle';

/** Said for every failed sign-in, so the answer does not tell whether the user exists. */
const WRONG_CREDENTIALS = 'wrong user name or password';

/** Signing in and out, and the signed-in person's own account. */
@Injectable()
export class SessionsService {
  /** Verified against when the user is unknown, so that answer takes as long as a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: AuthTokensService,
    private readonly config: AppConfig,
    private readonly throttle: SignInThrottle,
    private readonly securityLog: SecurityLogService,
  ) {}

  /** `address` is the caller's (the socket's, or X-Forwarded-For's behind a trusted proxy). */
  async signIn(username: string, password: string, address = ''): Promise<SessionResponse> {
    // A locked-out name or address is refused before its password is even checked.
    const retryAfter = this.throttle.retryAfter(username, address);
    if (retryAfter > 0) throw new SignInLockedException(retryAfter);
    const user = await this.users.findOneBy({ username });
    if (!user?.passwordHash) {
      await verifyPassword(await this.decoy(), password);
      await this.countFailure(username, address);
      throw refusal('unknown-user', { username });
    }
    const matches = await verifyPassword(user.passwordHash, password);
    const subject = { userId: user.id, username: user.username, role: user.role };
    if (!matches) {
      await this.countFailure(username, address, subject);
      throw refusal('bad-password', subject);
    }
    if (!user.active) throw refusal('inactive-user', subject);
    this.throttle.succeeded(username);

    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_MINUTES * 60_000);
    const issued = await this.tokens.issue(user.id, 'session', 'sign-in', expiresAt);
    return { token: issued.token, tokenType: 'Bearer', expiresAt, user: accountView(user) };
  }

  /** Counts a wrong sign-in; a lockout it engages goes to the security log. */
  private async countFailure(
    username: string,
    address: string,
    subject: { userId?: string; role?: string } = {},
  ): Promise<void> {
    for (const lockout of this.throttle.failed(username, address)) {
      await this.securityLog.record({
        reason: 'sign-in-lockout',
        method: 'POST',
        path: '/auth/sessions',
        ip: address || null,
        userId: subject.userId ?? null,
        username,
        role: subject.role ?? null,
        detail: { lockedBy: lockout.key, seconds: lockout.seconds },
      });
    }
  }

  async signOut(caller: AuthenticatedCaller): Promise<void> {
    if (caller.tokenKind !== 'session') {
      throw new UnprocessableEntityException(
        'the bearer token is an API token, not a session: an admin revokes it with DELETE /admin/api-tokens/:id',
      );
    }
    await this.tokens.revoke(caller.tokenId);
  }

  async account(caller: AuthenticatedCaller): Promise<AccountView> {
    const user = await this.users.findOneBy({ id: caller.userId });
    if (!user) throw new NotFoundException('user not found');
    return accountView(user);
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(`decoy-${Math.random()}`);
    return this.decoyHash;
  }
}

function refusal(
  reason: 'unknown-user' | 'bad-password' | 'inactive-user',
  subject: { userId?: string; username: string; role?: string },
): SecurityRefusalException {
  return new SecurityRefusalException(
    reason,
    HttpStatus.UNAUTHORIZED,
    WRONG_CREDENTIALS,
    {},
    subject,
  );
}
