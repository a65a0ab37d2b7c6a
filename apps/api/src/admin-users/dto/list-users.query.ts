import { IsIn, IsOptional } from 'class-validator';
import { ACTOR_ROLES, type ActorRole } from '@app/domain';
import { PageQuery } from '../../common/dto/page.query';

export class ListUsersQuery extends PageQuery {
  @IsOptional()
  @IsIn(ACTOR_ROLES)
  role?: ActorRole;
}
