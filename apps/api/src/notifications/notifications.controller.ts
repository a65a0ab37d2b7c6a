import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { AccountSelfService, CurrentActor } from '../auth';
import {
  ListNotificationsQuery,
  MarkedReadView,
  NotificationPage,
  NotificationPreferencesView,
  NotificationView,
  UnreadCountView,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

/**
 * The caller's own notifications and preferences. Reading them and changing one's own
 * preferences touch no project, so reviewers may do it too.
 */
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first. */
  @Get('notifications')
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.notifications.list(actor.userId, query);
  }

  @Get('notifications/unread-count')
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountView> {
    return this.notifications.unreadCount(actor.userId);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @AccountSelfService()
  markAllRead(@CurrentActor() actor: Actor): Promise<MarkedReadView> {
    return this.notifications.markAllRead(actor.userId);
  }

  @Get('notifications/:notificationId')
  one(
    @CurrentActor() actor: Actor,
    @Param('notificationId') notificationId: string,
  ): Promise<NotificationView> {
    return this.notifications.one(actor.userId, notificationId);
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @AccountSelfService()
  markRead(
    @CurrentActor() actor: Actor,
    @Param('notificationId') notificationId: string,
  ): Promise<NotificationView> {
    return this.notifications.markRead(actor.userId, notificationId);
  }

  @Get('notification-preferences')
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferencesView> {
    return this.notifications.preferences(actor.userId);
  }

  @Patch('notification-preferences')
  @AccountSelfService()
  updatePreferences(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.notifications.updatePreferences(actor.userId, body);
  }
}
