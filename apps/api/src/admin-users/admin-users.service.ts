import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import type { ActorRole } from '@app/domain';
import { Mentor, User } from '@app/persistence';
import { AuthTokensService } from '../auth/auth-tokens.service';
import type { AuthenticatedCaller } from '../auth/authenticated-caller';
import { hashPassword } from '../auth/passwords';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPage, UserView, userView } from './dto/user.response';

/** Admins manage the people who sign in: create, list, change, deactivate. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Mentor) private readonly mentors: Repository<Mentor>,
    private readonly tokens: AuthTokensService,
  ) {}

  async create(input: CreateUserDto): Promise<UserView> {
    const mentorId = await this.mentorLink(input.role, input.mentorId);
    const user = this.users.create({
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      role: input.role,
      mentorId,
      passwordHash: await hashPassword(input.password),
      language: input.language ?? 'zh',
      emailNotifications: input.emailNotifications ?? true,
      active: true,
    });
    return userView(await this.saving(user));
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

    const saved = await this.saving(user);
    if (input.password !== undefined || input.active === false) {
      await this.tokens.revokeSessionsOf(id);
    }
    return userView(saved);
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

  private async saving(user: User): Promise<User> {
    try {
      return await this.users.save(user);
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
