import { Body, Controller, Delete, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { AuthenticatedCaller } from './authenticated-caller';
import { CurrentCaller } from './current-actor.decorator';
import { SessionResponse } from './dto/account.response';
import { SignInDto } from './dto/sign-in.dto';
import { Public } from './public.decorator';
import { AccountSelfService } from './roles.decorator';
import { SessionsService } from './sessions.service';

@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** Sign in with user name and password; the answer carries the session's bearer token. */
  @Post()
  @Public()
  @HttpCode(HttpStatus.CREATED)
  signIn(@Body() body: SignInDto, @Ip() address: string): Promise<SessionResponse> {
    return this.sessions.signIn(body.username, body.password, address);
  }

  /** Sign out: the session token of this request is revoked. */
  @Delete('current')
  @AccountSelfService()
  @HttpCode(HttpStatus.NO_CONTENT)
  signOut(@CurrentCaller() caller: AuthenticatedCaller): Promise<void> {
    return this.sessions.signOut(caller);
  }
}
