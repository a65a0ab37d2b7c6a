import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthToken, Mentor, User } from '@app/persistence';
import { AuthModule } from '../auth/auth.module';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { ApiTokensService } from './api-tokens.service';

@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([User, Mentor, AuthToken])],
  controllers: [AdminUsersController],
  providers: [AdminUsersService, ApiTokensService],
  exports: [AdminUsersService],
})
export class AdminUsersModule {}
