import { Controller, Get, Query } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { CurrentActor } from '../auth';
import { InboxPage, InboxQuery } from './dto/inbox.dto';
import { InboxService } from './inbox.service';

@Controller('me/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  /** What the caller must act on now, most urgent first: overdue, due soonest, flagged, the rest. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: InboxQuery): Promise<InboxPage> {
    return this.inbox.inbox(actor, query);
  }
}
