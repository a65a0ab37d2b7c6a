import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { adminActorOf } from '../admin-audit/admin-audit.service';
import { AuthenticatedCaller } from '../auth/authenticated-caller';
import { CurrentCaller } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AdminUsersService } from './admin-users.service';
import { ApiTokensService } from './api-tokens.service';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { ApiTokenView, IssuedApiTokenView, UserPage, UserView } from './dto/user.response';

@Controller('admin')
@Roles('admin')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  @Post('users')
  createUser(
    @Body() body: CreateUserDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<UserView> {
    return this.users.create(body, adminActorOf(caller));
  }

  @Get('users')
  listUsers(@Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(query);
  }

  @Patch('users/:id')
  updateUser(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<UserView> {
    return this.users.update(id, body, caller);
  }

  /** The answer carries the token itself, this once. */
  @Post('users/:id/api-tokens')
  issueApiToken(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateApiTokenDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<IssuedApiTokenView> {
    return this.apiTokens.issue(id, body, adminActorOf(caller));
  }

  @Get('users/:id/api-tokens')
  listApiTokens(@Param('id', ParseUUIDPipe) id: string): Promise<ApiTokenView[]> {
    return this.apiTokens.list(id);
  }

  @Delete('api-tokens/:id')
  revokeApiToken(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<ApiTokenView> {
    return this.apiTokens.revoke(id, adminActorOf(caller));
  }
}
