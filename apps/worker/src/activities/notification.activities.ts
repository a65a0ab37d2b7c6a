import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type {
  NotificationActivities,
  NotificationRecipient,
  NotificationRequest,
} from '@app/workflows/activities.types';
import { NotificationLanguage, renderNotification } from '../notifications/notification-messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RecipientUser {
  id: string;
  email: string | null;
  language: NotificationLanguage;
  email_notifications: boolean;
}

interface OutboxRow {
  channel: 'in_app' | 'email';
  userId: string | null;
  email: string | null;
  language: NotificationLanguage;
}

/**
 * Writes a notification into the outbox: one in-app row per user (delivered by being written)
 * and one email row per address (delivered by the dispatcher). A retried activity finds its rows
 * by (notification key, channel, recipient) and writes nothing twice.
 */
@Injectable()
export class NotificationOutboxActivities implements NotificationActivities {
  private readonly logger = new Logger(NotificationOutboxActivities.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async enqueueNotification(request: NotificationRequest): Promise<void> {
    const rows = await this.outboxRows(request.recipients);
    await this.dataSource.transaction(async (manager) => {
      for (const row of rows) {
        const { subject, body } = renderNotification(request, row.language);
        const inApp = row.channel === 'in_app';
        await manager.query(
          `INSERT INTO notifications (notification_key, user_id, email, channel, kind, project_id,
             action, due_at, subject, body, language, status, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT DO NOTHING`,
          [
            request.notificationKey,
            row.userId,
            row.email,
            row.channel,
            request.kind,
            request.projectId,
            request.action ?? null,
            request.dueAt ?? null,
            subject,
            body,
            row.language,
            inApp ? 'sent' : 'pending',
            inApp ? new Date().toISOString() : null,
          ],
        );
      }
    });
  }

  /**
   * Who gets what. A user gets an in-app row, and an email if they have an address and want
   * email; a mentor without an account is written to at the mentor record's address; an address
   * named outright (the escalation contact) always gets the email. One email per address.
   */
  private async outboxRows(recipients: NotificationRecipient[]): Promise<OutboxRow[]> {
    const inApp = new Map<string, OutboxRow>();
    const emails = new Map<string, OutboxRow>();
    const addUser = (user: RecipientUser, fallbackEmail: string | null = null): void => {
      inApp.set(user.id, {
        channel: 'in_app',
        userId: user.id,
        email: null,
        language: user.language,
      });
      const address = user.email ?? fallbackEmail;
      if (address && user.email_notifications) addEmail(address, user.id, user.language);
    };
    const addEmail = (address: string, userId: string | null, language: NotificationLanguage) => {
      const key = address.trim().toLowerCase();
      if (!emails.has(key))
        emails.set(key, { channel: 'email', userId, email: address.trim(), language });
    };

    for (const recipient of recipients) {
      if ('role' in recipient) {
        const staff = await this.users(
          `SELECT ${USER_COLUMNS} FROM users
            WHERE active AND role IN ('staff', 'admin') ORDER BY id`,
        );
        for (const user of staff) addUser(user);
      } else if ('mentorId' in recipient) {
        await this.addMentor(recipient.mentorId, addUser, addEmail);
      } else if ('userId' in recipient) {
        const users = UUID.test(recipient.userId)
          ? await this.users(`SELECT ${USER_COLUMNS} FROM users WHERE active AND id = $1`, [
              recipient.userId,
            ])
          : [];
        if (users.length === 0) this.logger.warn(`no active user ${recipient.userId} to notify`);
        for (const user of users) addUser(user);
      } else {
        // The address may belong to a user: then they also see it in the app, in their language.
        const users = await this.users(
          `SELECT ${USER_COLUMNS} FROM users
            WHERE active AND lower(email) = lower($1) ORDER BY id LIMIT 1`,
          [recipient.email.trim()],
        );
        const user = users.at(0);
        if (user) {
          inApp.set(user.id, {
            channel: 'in_app',
            userId: user.id,
            email: null,
            language: user.language,
          });
        }
        addEmail(
          recipient.email,
          user?.id ?? null,
          user?.language ?? this.config.NOTIFICATION_DEFAULT_LANGUAGE,
        );
      }
    }
    return [...inApp.values(), ...emails.values()];
  }

  private async addMentor(
    mentorId: string,
    addUser: (user: RecipientUser, fallbackEmail: string | null) => void,
    addEmail: (address: string, userId: string | null, language: NotificationLanguage) => void,
  ): Promise<void> {
    const mentors: { email: string | null }[] = UUID.test(mentorId)
      ? await this.dataSource.query('SELECT email FROM mentors WHERE id = $1', [mentorId])
      : [];
    if (mentors.length === 0) {
      this.logger.warn(`no mentor ${mentorId} to notify`);
      return;
    }
    const users = await this.users(
      `SELECT ${USER_COLUMNS} FROM users WHERE active AND mentor_id = $1`,
      [mentorId],
    );
    const mentorEmail = mentors[0].email;
    if (users.length > 0) addUser(users[0], mentorEmail);
    else if (mentorEmail) addEmail(mentorEmail, null, this.config.NOTIFICATION_DEFAULT_LANGUAGE);
    else this.logger.warn(`mentor ${mentorId} has neither an account nor an email address`);
  }

  private users(sql: string, parameters: unknown[] = []): Promise<RecipientUser[]> {
    return this.dataSource.query(sql, parameters);
  }
}

const USER_COLUMNS = 'id, email, language, email_notifications';
