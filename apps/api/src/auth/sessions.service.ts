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
import { SecurityRefusalException } from '../security-log/security-refusal.exception';
import { AuthTokensService } from './auth-tokens.service';
import type { AuthenticatedCaller } from './authenticated-caller';
import { AccountView, accountView, SessionResponse } from './dto/account.response';
import { hashPassword, verifyPassword } from './passwords';

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
  ) {}

  async signIn(username: string, password: string): Promise<SessionResponse> {
    const user = await this.users.findOneBy({ username });
    if (!user?.passwordHash) {
      await verifyPassword(await this.decoy(), password);
      throw refusal('unknown-user', { username });
    }
    const matches = await verifyPassword(user.passwordHash, password);
    const subject = { userId: user.id, username: user.username, role: user.role };
    if (!matches) throw refusal('bad-password', subject);
    if (!user.active) throw refusal('inactive-user', subject);

    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_MINUTES * 60_000);
    const issued = await this.tokens.issue(user.id, 'session', 'sign-in', expiresAt);
    return { token: issued.token, tokenType: 'Bearer', expiresAt, user: accountView(user) };
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
