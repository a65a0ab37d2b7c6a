import {
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { serialize, SerializeOptions } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { AccountSelfService, ReadsOnly, Roles } from '../auth/roles.decorator';
import { CODEC_COOKIE } from './codec-cookie';
import { CodecPayloadsDto } from './codec.dto';
import { CodecService } from './codec.service';

/**
 * Temporal's remote codec protocol for the Temporal CLI (`--codec-endpoint <api>/codec
 * --codec-auth "Bearer <token>"`) and the Web UI (cookie from POST /codec/session). Reading
 * decoded payloads is for those who may read every project: staff, admins and reviewers.
 */
@ApiTags('codec')
@ApiBearerAuth()
@Controller('codec')
export class CodecController {
  constructor(
    private readonly codec: CodecService,
    private readonly config: AppConfig,
  ) {}

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  @Roles('staff', 'reviewer')
  @ReadsOnly()
  @ApiOperation({ summary: 'Decrypt payloads (Temporal remote codec)' })
  decode(
    @Body() body: CodecPayloadsDto,
    @Headers('x-namespace') namespace?: string,
  ): Promise<CodecPayloadsDto> {
    return this.codec.decode(body, namespace);
  }

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  @Roles('staff')
  @ApiOperation({ summary: 'Encrypt payloads (Temporal remote codec)' })
  encode(
    @Body() body: CodecPayloadsDto,
    @Headers('x-namespace') namespace?: string,
  ): Promise<CodecPayloadsDto> {
    return this.codec.encode(body, namespace);
  }

  /** Puts the caller's token in an HttpOnly cookie the Web UI sends to /codec only. */
  @Post('session')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles('staff', 'reviewer')
  @AccountSelfService()
  @ApiOperation({ summary: 'Let the Temporal Web UI decode with this sign-in (cookie)' })
  openSession(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): void {
    const token = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    reply.header('Set-Cookie', serialize(CODEC_COOKIE, token, this.cookieOptions()));
  }

  @Delete('session')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AccountSelfService()
  @ApiOperation({ summary: 'Forget the Web UI codec cookie' })
  closeSession(@Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header(
      'Set-Cookie',
      serialize(CODEC_COOKIE, '', { ...this.cookieOptions(), expires: new Date(0) }),
    );
  }

  private cookieOptions(): SerializeOptions {
    // Strict: the UI on another port of the same site still sends it; other sites never do.
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.NODE_ENV === 'production',
      path: '/codec',
    };
  }
}
