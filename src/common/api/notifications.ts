/** The administrators' view of the notification outbox (GET /api/v1/notifications, POST …/:id/retry). */
import { z } from 'zod';

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'zalo', 'log'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** pending: not tried yet; retrying: pending after a failed attempt; failed: given up; recorded: kept, not sent. */
export const NOTIFICATION_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'recorded'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NotificationItem = z.object({
  id: z.string(),
  communeCode: z.string().nullable(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  template: z.string().nullable(),
  locale: z.string(),
  /** Partly masked (bi***@example.vn, 0912***678). */
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationCounts = z.object({
  pending: z.number(),
  retrying: z.number(),
  sent: z.number(),
  failed: z.number(),
  recorded: z.number(),
});
export type NotificationCounts = z.infer<typeof NotificationCounts>;

export const NotificationList = z.object({
  items: z.array(NotificationItem),
  nextCursor: z.string().nullable(),
  /** Per status, with the other filters applied (not the status one). */
  counts: NotificationCounts,
});
export type NotificationList = z.infer<typeof NotificationList>;

/** The templates messages are rendered from (the same list as the server's TEMPLATE_KEYS). */
export const NOTIFICATION_TEMPLATES = [
  'dossier.received',
  'dossier.supplement_requested',
  'dossier.result_ready',
  'dossier.appointment_moved',
  'feedback.received',
  'feedback.rejected',
  'feedback.forwarded',
  'feedback.answered',
  'feedback.reopened',
  'feedback.escalated_leader',
  'feedback.escalated_province',
] as const;
