import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { PageQuery, queryBoolean } from '../../common/dto/page.query';

export const NOTIFICATION_LANGUAGES = ['zh', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export class ListNotificationsQuery extends PageQuery {
  /** true: only the unread ones. */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class UpdateNotificationPreferencesDto {
  /** The language of the caller's notifications, in the app and by email. */
  @Optional()
  @IsIn(NOTIFICATION_LANGUAGES)
  language?: NotificationLanguage;

  /** Whether notifications are also sent by email (in-app ones always are). */
  @Optional()
  @IsBoolean()
  emailNotifications?: boolean;
}

export interface NotificationView {
  notificationId: string;
  /** 'assignment_request' | 'reminder' | 'overdue' | 'escalation' | 'stalled' | 'mentor_replacement' | 'assignment_accepted' | 'assignment_declined' | 'activity_failing' */
  kind: string;
  projectId: string;
  action: string | null;
  dueAt: string | null;
  subject: string;
  body: string;
  language: string;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  page: number;
  pageSize: number;
  total: number;
  unreadCount: number;
}

export interface UnreadCountView {
  unreadCount: number;
}

export interface MarkedReadView {
  /** How many notifications this call marked read. */
  marked: number;
  unreadCount: number;
}

export interface NotificationPreferencesView {
  language: NotificationLanguage;
  emailNotifications: boolean;
  /** Where emails go; set by an admin. */
  email: string | null;
}
