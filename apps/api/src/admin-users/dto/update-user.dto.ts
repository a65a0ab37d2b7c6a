import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { ACTOR_ROLES, type ActorRole } from '@app/domain';
import {
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../../auth/credential-rules';
import { LANGUAGES } from './create-user.dto';

/** Only the fields given change; `email: null` clears the address. */
export class UpdateUserDto {
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Optional()
  @IsIn(ACTOR_ROLES)
  role?: ActorRole;

  /** Needed when the role becomes mentor; dropped when it stops being mentor. */
  @Optional()
  @IsUUID()
  mentorId?: string;

  @Optional()
  @IsBoolean()
  active?: boolean;

  /** A new password ends the user's open sessions. */
  @Optional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @Optional()
  @IsIn(LANGUAGES)
  language?: (typeof LANGUAGES)[number];

  @Optional()
  @IsBoolean()
  emailNotifications?: boolean;
}
