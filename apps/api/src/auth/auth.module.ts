import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthToken, User } from '@app/persistence';
import { AuthTokensService } from './auth-tokens.service';
import { AuthenticationGuard } from './authentication.guard';
import { BrowserSessionsController } from './browser-sessions.controller';
import { MeController } from './me.controller';
import { RolesGuard } from './roles.guard';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SignInThrottle } from './sign-in-throttle';

/**
 * Sign-in, sessions and the two global guards (authentication, then roles), which run in the
 * order they are listed here.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuthToken, User])],
  controllers: [SessionsController, BrowserSessionsController, MeController],
  providers: [
    AuthTokensService,
    SessionsService,
    SignInThrottle,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthTokensService],
})
export class AuthModule {}
