import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import type { Liveness, ReadinessAnswer } from './health.types';
import { ReadinessService } from './readiness.service';

/** Probes for load balancers and orchestrators: answered without a token. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers HTTP. */
  @Get()
  @HttpCode(HttpStatus.OK)
  live(): Liveness {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Temporal both answer; 503 names the one that does not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: FastifyReply): Promise<ReadinessAnswer> {
    const result = await this.readiness.check();
    const down = Object.entries(result.checks)
      .filter(([, status]) => status.status === 'down')
      .map(([name]) => (name === 'postgres' ? 'PostgreSQL' : 'Temporal'));
    response.code(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      ...result,
      message: down.length === 0 ? 'ready' : `not ready: ${down.join(' and ')} down`,
    };
  }
}
