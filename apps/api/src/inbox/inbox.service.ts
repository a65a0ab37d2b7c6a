import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MentorPrivacy } from '../projects/mentor-privacy';
import { Actor } from '@app/domain';
import { InboxOwner, inboxPage, PendingActionRow } from '@app/persistence';
import { InboxItem, InboxPage, InboxQuery } from './dto/inbox.dto';

/**
 * What the caller must act on now, from the read model's pending actions (no workflow is
 * asked). A mentor sees the decisions waiting for them; staff see theirs, plus every action of
 * a flagged project and every overdue one, whoever must take it, to follow up.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly privacy: MentorPrivacy,
  ) {}

  async inbox(actor: Actor, query: InboxQuery): Promise<InboxPage> {
    const asOf = new Date();
    const page = { page: query.page, pageSize: query.pageSize, asOf: asOf.toISOString() };
    let owner: InboxOwner;
    if (actor.role === 'mentor' && actor.mentorId) owner = { mentorId: actor.mentorId };
    else if (actor.role === 'staff' || actor.role === 'admin') owner = 'staff';
    // Reviewers read everything and decide nothing: nothing waits for them.
    else return { ...page, items: [], total: 0 };
    const { rows, total } = await inboxPage(this.dataSource, owner, {
      asOf,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const inbox = { ...page, items: rows.map((row) => itemOf(row, actor, asOf)), total };
    return actor.role === 'mentor' && actor.mentorId
      ? this.privacy.forMentor(inbox, actor.mentorId)
      : inbox;
  }
}

function itemOf(row: PendingActionRow, actor: Actor, asOf: Date): InboxItem {
  const dueAt = row.dueAt === null ? null : new Date(row.dueAt);
  const secondsLeft = dueAt === null ? null : Math.floor((dueAt.getTime() - asOf.getTime()) / 1000);
  const mentorsAction = row.actorRole === 'mentor';
  return {
    projectId: row.projectId,
    title: row.title,
    college: row.college,
    stage: row.stage,
    status: row.status,
    action: row.action,
    waitingFor: mentorsAction && actor.role !== 'mentor' ? 'mentor' : 'you',
    mentorId: row.mentorId,
    dueAt: dueAt?.toISOString() ?? null,
    secondsLeft,
    overdue: row.urgency === 'overdue',
    urgency: row.urgency,
    needsAttention: row.needsAttention,
    attentionReasons: row.attentionReasons,
  };
}
