import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { ListSecurityEventsQuery } from './dto/list-security-events.query';
import { SecurityEventPage, SecurityLogService } from './security-log.service';

@Controller('security-events')
export class SecurityEventsController {
  constructor(private readonly securityLog: SecurityLogService) {}

  /** Refused attempts, newest first. */
  @Get()
  @Roles('reviewer', 'admin')
  list(@Query() query: ListSecurityEventsQuery): Promise<SecurityEventPage> {
    return this.securityLog.list(query);
  }
}
