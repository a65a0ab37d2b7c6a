import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '@app/config';
import { AuthToken, User } from '@app/persistence';
import { AdminAuditActor, AdminAuditService } from '../admin-audit/admin-audit.service';
import { AuthTokensService } from '../auth/auth-tokens.service';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { ApiTokenView, apiTokenView, IssuedApiTokenView } from './dto/user.response';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Admins issue, list and revoke the API tokens machines use on behalf of a user. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AuthToken) private readonly tokenRows: Repository<AuthToken>,
    private readonly tokens: AuthTokensService,
    private readonly config: AppConfig,
    private readonly audit: AdminAuditService,
  ) {}

  async issue(
    userId: string,
    input: CreateApiTokenDto,
    actor: AdminAuditActor,
  ): Promise<IssuedApiTokenView> {
    const days = input.expiresInDays ?? this.config.API_TOKEN_DEFAULT_TTL_DAYS;
    if (days > this.config.API_TOKEN_MAX_TTL_DAYS) {
      // The deployment's limit (config), which the schema's own bound cannot know: a 422.
      throw new UnprocessableEntityException({
        message: `expiresInDays must not be greater than ${this.config.API_TOKEN_MAX_TTL_DAYS}`,
        field: 'expiresInDays',
        rule: 'token-lifetime',
      });
    }
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFoundException('user not found');
    if (!user.active) {
      throw new UnprocessableEntityException('the user is deactivated: activate them first');
    }
    return this.audit.audited(actor, 'apiTokenIssued', async (manager) => {
      const issued = await this.tokens.issue(
        userId,
        'api',
        input.name,
        new Date(Date.now() + days * DAY_MS),
        manager,
      );
      const row = await manager.getRepository(AuthToken).findOneByOrFail({ id: issued.id });
      return {
        // The token itself is answered this once and never written anywhere, the audit included.
        result: { ...apiTokenView(row), token: issued.token },
        target: { kind: 'apiToken', id: row.id },
        details: { userId, name: row.name, expiresAt: row.expiresAt.toISOString() },
      };
    });
  }

  async list(userId: string): Promise<ApiTokenView[]> {
    if (!(await this.users.existsBy({ id: userId }))) throw new NotFoundException('user not found');
    const rows = await this.tokenRows.find({
      where: { userId, kind: 'api' },
      order: { createdAt: 'DESC' },
    });
    const now = new Date();
    return rows.map((row) => apiTokenView(row, now));
  }

  async revoke(tokenId: string, actor: AdminAuditActor): Promise<ApiTokenView> {
    const found = await this.tokenRows.findOneBy({ id: tokenId, kind: 'api' });
    if (!found) throw new NotFoundException('API token not found');
    if (found.revokedAt) return apiTokenView(found); // already revoked: nothing changes, nothing audited
    return this.audit.audited(actor, 'apiTokenRevoked', async (manager) => {
      await this.tokens.revoke(tokenId, new Date(), manager);
      const row = await manager.getRepository(AuthToken).findOneByOrFail({ id: tokenId });
      return {
        result: apiTokenView(row),
        target: { kind: 'apiToken', id: tokenId },
        details: { userId: row.userId, name: row.name },
      };
    });
  }
}
