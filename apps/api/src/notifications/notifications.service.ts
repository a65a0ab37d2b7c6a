import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ListNotificationsQuery,
  MarkedReadView,
  NotificationLanguage,
  NotificationPage,
  NotificationPreferencesView,
  NotificationView,
  UnreadCountView,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface NotificationRow {
  id: string;
  kind: string;
  project_id: string;
  action: string | null;
  due_at: Date | null;
  subject: string;
  body: string;
  language: string;
  read_at: Date | null;
  created_at: Date;
}

/**
 * The caller's in-app notifications (the outbox rows written for them by the worker) and how
 * they want to be notified. Every query is bounded by the caller's user id: another user's
 * notification does not exist for them (404).
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(userId: string, query: ListNotificationsQuery): Promise<NotificationPage> {
    const unreadOnly = query.unread === true;
    const rows: (NotificationRow & { total: string })[] = await this.dataSource.query(
      `SELECT id, kind, project_id, action, due_at, subject, body, language, read_at, created_at,
              count(*) OVER () AS total
         FROM notifications
        WHERE user_id = $1 AND channel = 'in_app' AND ($2::boolean = false OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC
        LIMIT $3 OFFSET $4`,
      [userId, unreadOnly, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const { unreadCount } = await this.unreadCount(userId);
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(userId, unreadOnly);
    return {
      items: rows.map(notificationView),
      page: query.page,
      pageSize: query.pageSize,
      total,
      unreadCount,
    };
  }

  async one(userId: string, notificationId: string): Promise<NotificationView> {
    const rows: NotificationRow[] = UUID.test(notificationId)
      ? await this.dataSource.query(
          `SELECT id, kind, project_id, action, due_at, subject, body, language, read_at, created_at
             FROM notifications WHERE id = $1 AND user_id = $2 AND channel = 'in_app'`,
          [notificationId, userId],
        )
      : [];
    if (rows.length === 0) throw notFound(notificationId);
    return notificationView(rows[0]);
  }

  async unreadCount(userId: string): Promise<UnreadCountView> {
    return { unreadCount: await this.count(userId, true) };
  }

  /** Marking a read notification again changes nothing (its first read time stays). */
  async markRead(userId: string, notificationId: string): Promise<NotificationView> {
    // TypeORM answers an UPDATE with [rows returned, rows changed].
    const [rows]: [NotificationRow[], number] = UUID.test(notificationId)
      ? await this.dataSource.query(
          `UPDATE notifications SET read_at = coalesce(read_at, now())
            WHERE id = $1 AND user_id = $2 AND channel = 'in_app'
            RETURNING id, kind, project_id, action, due_at, subject, body, language, read_at,
                      created_at`,
          [notificationId, userId],
        )
      : [[], 0];
    if (rows.length === 0) throw notFound(notificationId);
    return notificationView(rows[0]);
  }

  async markAllRead(userId: string): Promise<MarkedReadView> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND channel = 'in_app' AND read_at IS NULL`,
      [userId],
    );
    return { marked: result[1], unreadCount: 0 };
  }

  async preferences(userId: string): Promise<NotificationPreferencesView> {
    const rows: {
      language: NotificationLanguage;
      email_notifications: boolean;
      email: string | null;
    }[] = await this.dataSource.query(
      'SELECT language, email_notifications, email FROM users WHERE id = $1',
      [userId],
    );
    if (rows.length === 0) throw new NotFoundException('user not found');
    return {
      language: rows[0].language,
      emailNotifications: rows[0].email_notifications,
      email: rows[0].email,
    };
  }

  async updatePreferences(
    userId: string,
    body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    await this.dataSource.query(
      `UPDATE users SET language = coalesce($2, language),
                        email_notifications = coalesce($3, email_notifications)
        WHERE id = $1`,
      [userId, body.language ?? null, body.emailNotifications ?? null],
    );
    return this.preferences(userId);
  }

  private async count(userId: string, unreadOnly: boolean): Promise<number> {
    const rows: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM notifications
        WHERE user_id = $1 AND channel = 'in_app' AND ($2::boolean = false OR read_at IS NULL)`,
      [userId, unreadOnly],
    );
    return rows[0].total;
  }
}

function notificationView(row: NotificationRow): NotificationView {
  return {
    notificationId: row.id,
    kind: row.kind,
    projectId: row.project_id,
    action: row.action,
    dueAt: row.due_at?.toISOString() ?? null,
    subject: row.subject,
    body: row.body,
    language: row.language,
    read: row.read_at !== null,
    readAt: row.read_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function notFound(notificationId: string): NotFoundException {
  return new NotFoundException(`notification ${notificationId} not found`);
}
