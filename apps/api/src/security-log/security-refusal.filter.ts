import { ArgumentsHost, Catch } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { SecurityLogService } from './security-log.service';
import { SecurityRefusalException } from './security-refusal.exception';

/**
 * The API's exception filter, which first writes every SecurityRefusalException to the security
 * log (method, path, address, caller), then answers as ApiExceptionFilter does, so the answer
 * still comes after the row. This was a global interceptor; an interceptor makes Nest wrap every
 * handler's result in an rxjs pipeline with a client-disconnect listener, about 5 % of a
 * hello-world request's CPU (bench/README.md, P0), while a filter costs nothing until something
 * is thrown. A refusal whose row cannot be written is answered as that failure (a 500), as before.
 */
@Catch()
export class SecurityRecordingExceptionFilter extends ApiExceptionFilter {
  constructor(private readonly securityLog: SecurityLogService) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (!(exception instanceof SecurityRefusalException) || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    this.securityLog
      .recordRequest(request, exception.reason, exception.detail, exception.subject)
      .then(
        () => super.catch(exception, host),
        (failure: unknown) => super.catch(failure, host),
      );
  }
}
