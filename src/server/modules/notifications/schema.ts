import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The notification outbox: a module that must tell someone something (a meeting invitation, a feedback answer)
 * inserts a row in its own transaction; a worker on any instance sends it afterwards (FOR UPDATE SKIP LOCKED),
 * retrying with back-off. Nothing is sent for a change that rolled back; nothing is lost if the mail server is
 * down. Without a mail server configured a message is kept as `recorded` (handed over by other means).
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code'),
    /** email | sms | zalo | log (see transports.ts) */
    channel: text('channel').notNull(),
    /** The template it was rendered from ('dossier.received', 'feedback.answered' …) and its language. */
    template: text('template'),
    locale: text('locale').notNull().default('vi'),
    /**
     * Idempotency per message: the same key enqueued twice (a retried request, a job run twice) is one message.
     * e.g. 'dossier.received:<dossier id>:sms'.
     */
    idempotencyKey: text('idempotency_key'),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** What it is about, e.g. 'meeting_participant' + id. */
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    /** pending | sent | failed (gave up) | recorded (no mail server: kept, not sent) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notification_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('notification_outbox_source_idx').on(t.sourceType, t.sourceId),
    uniqueIndex('notification_outbox_idempotency_uq').on(t.idempotencyKey),
    index('notification_outbox_admin_idx').on(t.status, t.createdAt),
    check('notification_outbox_status_ck', sql`${t.status} in ('pending', 'sent', 'failed', 'recorded')`),
    check('notification_outbox_channel_ck', sql`${t.channel} in ('email', 'sms', 'zalo', 'log')`),
  ],
);
