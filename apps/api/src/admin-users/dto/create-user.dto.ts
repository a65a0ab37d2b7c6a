import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { ACTOR_ROLES, type ActorRole } from '@app/domain';
import {
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '../../auth/credential-rules';

export const LANGUAGES = ['zh', 'en'] as const;

export class CreateUserDto {
  @IsString()
  @MaxLength(USERNAME_MAX_LENGTH)
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName!: string;

  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsIn(ACTOR_ROLES)
  role!: ActorRole;

  /** Required for mentors, refused for every other role. */
  @Optional()
  @IsUUID()
  mentorId?: string;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @Optional()
  @IsIn(LANGUAGES)
  language?: (typeof LANGUAGES)[number];

  @Optional()
  @IsBoolean()
  emailNotifications?: boolean;
}
