import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '@app/config';
import { AuthToken, User } from '@app/persistence';
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
  ) {}

  async issue(userId: string, input: CreateApiTokenDto): Promise<IssuedApiTokenView> {
    const days = input.expiresInDays ?? this.config.API_TOKEN_DEFAULT_TTL_DAYS;
    if (days > this.config.API_TOKEN_MAX_TTL_DAYS) {
      throw new BadRequestException(
        `expiresInDays must not be greater than ${this.config.API_TOKEN_MAX_TTL_DAYS}`,
      );
    }
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFoundException('user not found');
    if (!user.active) {
      throw new UnprocessableEntityException('the user is deactivated: activate them first');
    }
    const issued = await this.tokens.issue(
      userId,
      'api',
      input.name,
      new Date(Date.now() + days * DAY_MS),
    );
    const row = await this.tokenRows.findOneByOrFail({ id: issued.id });
    return { ...apiTokenView(row), token: issued.token };
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

  async revoke(tokenId: string): Promise<ApiTokenView> {
    const found = await this.tokenRows.findOneBy({ id: tokenId, kind: 'api' });
    if (!found) throw new NotFoundException('API token not found');
    await this.tokens.revoke(tokenId);
    return apiTokenView(await this.tokenRows.findOneByOrFail({ id: tokenId }));
  }
}
