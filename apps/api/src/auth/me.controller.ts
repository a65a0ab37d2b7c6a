import { Controller, Get } from '@nestjs/common';
import { AuthenticatedCaller } from './authenticated-caller';
import { CurrentCaller } from './current-actor.decorator';
import { AccountView } from './dto/account.response';
import { SessionsService } from './sessions.service';

@Controller('me')
export class MeController {
  constructor(private readonly sessions: SessionsService) {}

  /** The signed-in caller. */
  @Get()
  me(@CurrentCaller() caller: AuthenticatedCaller): Promise<AccountView> {
    return this.sessions.account(caller);
  }
}
