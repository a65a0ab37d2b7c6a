import { Body, Controller, Delete, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { AuthenticatedCaller } from './authenticated-caller';
import { CurrentCaller } from './current-actor.decorator';
import { BrowserSessionResponse } from './dto/browser-session.response';
import { SignInDto } from './dto/sign-in.dto';
import { Public } from './public.decorator';
import { AccountSelfService } from './roles.decorator';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';

/**
 * Signing in from the web console: the session token goes into an HttpOnly, SameSite=Strict
 * cookie and never into the answer, so no script on the page can read it. Machines keep using
 * POST /auth/sessions and bearer tokens.
 */
@Controller('auth/browser-sessions')
export class BrowserSessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  private secure(request: FastifyRequest): boolean {
    return this.config.SESSION_COOKIE_SECURE || request.protocol === 'https';
  }

  @Post()
  @Public()
  @HttpCode(HttpStatus.CREATED)
  async signIn(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BrowserSessionResponse> {
    const { token, expiresAt, user } = await this.sessions.signIn(body.username, body.password);
    reply.header('Set-Cookie', sessionCookie(token, expiresAt, this.secure(request)));
    return { expiresAt, user };
  }

  /** Sign out: the cookie's session is revoked and the cookie dropped. */
  @Delete('current')
  @AccountSelfService()
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(
    @CurrentCaller() caller: AuthenticatedCaller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(caller);
    reply.header('Set-Cookie', clearedSessionCookie(this.secure(request)));
  }
}
