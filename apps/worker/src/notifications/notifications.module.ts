import { Module } from '@nestjs/common';
import { NotificationDispatcher } from './notification-dispatcher.service';

/** Delivery of the notification outbox; the worker's main starts and stops the dispatcher. */
@Module({
  providers: [NotificationDispatcher],
  exports: [NotificationDispatcher],
})
export class NotificationsModule {}
