import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import type { ActorRole } from '@app/domain';
import { Mentor, User } from '@app/persistence';
import {
  AdminAuditActor,
  adminActorOf,
  AdminAuditService,
  changedFields,
} from '../admin-audit/admin-audit.service';
import { AuthTokensService } from '../auth/auth-tokens.service';
import type { AuthenticatedCaller } from '../auth/authenticated-caller';
import { hashPassword } from '../auth/passwords';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPage, UserView, userView } from './dto/user.response';

/** What an audit row says of a user: never the password or its hash. */
function auditedUser(user: User): Record<string, unknown> {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    mentorId: user.mentorId,
    active: user.active,
    language: user.language,
    emailNotifications: user.emailNotifications,
  };
}

/**
 * Admins manage the people who sign in: create, list, change, deactivate. Every change is an
 * audited administration operation (AdminAuditService).
 */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Mentor) private readonly mentors: Repository<Mentor>,
    private readonly tokens: AuthTokensService,
    private readonly audit: AdminAuditService,
  ) {}

  async create(input: CreateUserDto, actor: AdminAuditActor): Promise<UserView> {
    const mentorId = await this.mentorLink(input.role, input.mentorId);
    const passwordHash = await hashPassword(input.password);
    const user = this.users.create({
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      role: input.role,
      mentorId,
      passwordHash,
      language: input.language ?? 'zh',
      emailNotifications: input.emailNotifications ?? true,
      active: true,
    });
    return this.audit.audited(actor, 'userCreated', async (manager) => {
      const saved = await this.saving(manager, user);
      return {
        result: userView(saved),
        target: { kind: 'user', id: saved.id },
        details: { user: auditedUser(saved) },
      };
    });
  }

  async list(query: ListUsersQuery): Promise<UserPage> {
    const [rows, total] = await this.users.findAndCount({
      where: query.role ? { role: query.role } : {},
      order: { username: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: rows.map(userView), page: query.page, pageSize: query.pageSize, total };
  }

  async update(id: string, input: UpdateUserDto, caller: AuthenticatedCaller): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException('user not found');
    const before = auditedUser(user);
    if (
      id === caller.userId &&
      (input.active === false || (input.role && input.role !== 'admin'))
    ) {
      // Otherwise the last admin could lock everyone out of user management.
      throw new UnprocessableEntityException(
        'an admin cannot deactivate themselves or give up their own admin role',
      );
    }
    const role = input.role ?? (user.role as ActorRole);
    if (input.role !== undefined || input.mentorId !== undefined) {
      user.mentorId = await this.mentorLink(
        role,
        input.mentorId ?? (role === 'mentor' ? (user.mentorId ?? undefined) : undefined),
      );
    }
    user.role = role;
    if (input.displayName !== undefined) user.displayName = input.displayName;
    if (input.email !== undefined) user.email = input.email;
    if (input.active !== undefined) user.active = input.active;
    if (input.language !== undefined) user.language = input.language;
    if (input.emailNotifications !== undefined) user.emailNotifications = input.emailNotifications;
    if (input.password !== undefined) user.passwordHash = await hashPassword(input.password);

    const operation = input.active === false && before.active ? 'userDeactivated' : 'userChanged';
    return this.audit.audited(adminActorOf(caller), operation, async (manager) => {
      const saved = await this.saving(manager, user);
      const sessionsEnded = input.password !== undefined || input.active === false;
      if (sessionsEnded) await this.tokens.revokeSessionsOf(id, new Date(), manager);
      return {
        result: userView(saved),
        target: { kind: 'user', id },
        details: {
          changes: changedFields(before, auditedUser(saved)),
          passwordChanged: input.password !== undefined,
          sessionsEnded,
        },
      };
    });
  }

  /** A mentor user is linked to an existing mentor record; no other role is. */
  private async mentorLink(role: ActorRole, mentorId: string | undefined): Promise<string | null> {
    if (role !== 'mentor') {
      if (mentorId !== undefined) {
        throw new UnprocessableEntityException('mentorId is only for users with role mentor');
      }
      return null;
    }
    if (mentorId === undefined) {
      throw new UnprocessableEntityException('mentorId is required for role mentor');
    }
    if (!(await this.mentors.existsBy({ id: mentorId }))) {
      throw new UnprocessableEntityException(`mentorId: no mentor with id ${mentorId}`);
    }
    return mentorId;
  }

  private async saving(manager: EntityManager, user: User): Promise<User> {
    try {
      return await manager.getRepository(User).save(user);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'ux_users_username') {
        throw new ConflictException(`username ${user.username} is taken`);
      }
      if (constraint === 'ux_users_mentor') {
        throw new ConflictException(`mentorId: mentor ${user.mentorId} already has a user`);
      }
      throw error;
    }
  }
}

function uniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' ? driverError.constraint : undefined;
}
