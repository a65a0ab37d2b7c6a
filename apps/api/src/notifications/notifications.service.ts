import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  countInAppNotifications,
  findInAppNotification,
  InAppNotification,
  inAppNotificationsPage,
  markAllInAppNotificationsRead,
  markInAppNotificationRead,
  notificationPreferencesOf,
  updateNotificationPreferences,
} from '@app/persistence';
import {
  ListNotificationsQuery,
  MarkedReadView,
  NotificationPage,
  NotificationPreferencesView,
  NotificationView,
  UnreadCountView,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';

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
    const { rows, total } = await inAppNotificationsPage(this.dataSource, userId, {
      unreadOnly,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const { unreadCount } = await this.unreadCount(userId);
    return {
      items: rows.map(notificationView),
      page: query.page,
      pageSize: query.pageSize,
      total: total ?? (await countInAppNotifications(this.dataSource, userId, unreadOnly)),
      unreadCount,
    };
  }

  async one(userId: string, notificationId: string): Promise<NotificationView> {
    const row = await findInAppNotification(this.dataSource, userId, notificationId);
    if (!row) throw notFound(notificationId);
    return notificationView(row);
  }

  async unreadCount(userId: string): Promise<UnreadCountView> {
    return { unreadCount: await countInAppNotifications(this.dataSource, userId, true) };
  }

  /** Marking a read notification again changes nothing (its first read time stays). */
  async markRead(userId: string, notificationId: string): Promise<NotificationView> {
    const row = await markInAppNotificationRead(this.dataSource, userId, notificationId);
    if (!row) throw notFound(notificationId);
    return notificationView(row);
  }

  async markAllRead(userId: string): Promise<MarkedReadView> {
    return { marked: await markAllInAppNotificationsRead(this.dataSource, userId), unreadCount: 0 };
  }

  async preferences(userId: string): Promise<NotificationPreferencesView> {
    const preferences = await notificationPreferencesOf(this.dataSource, userId);
    if (!preferences) throw new NotFoundException('user not found');
    return preferences;
  }

  async updatePreferences(
    userId: string,
    body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    await updateNotificationPreferences(this.dataSource, userId, {
      language: body.language,
      emailNotifications: body.emailNotifications,
    });
    return this.preferences(userId);
  }
}

function notificationView(row: InAppNotification): NotificationView {
  return {
    notificationId: row.id,
    kind: row.kind,
    projectId: row.projectId,
    action: row.action,
    dueAt: row.dueAt?.toISOString() ?? null,
    subject: row.subject,
    body: row.body,
    language: row.language,
    read: row.readAt !== null,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function notFound(notificationId: string): NotFoundException {
  return new NotFoundException(`notification ${notificationId} not found`);
}
