/**
 * The one call a module makes to tell a person something: in the writer's transaction, one outbox row per channel
 * the person can be reached on (e-mail, SMS, Zalo), rendered from a template in their language, idempotent per
 * message (the same key twice is one message).
 *
 * CONTRACT (issue 13): the signature is fixed; the notifications helper owns the implementation and the templates.
 */
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTx } from '../../db/database';
import { notificationOutbox } from './schema';

export const TEMPLATE_KEYS = [
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
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface NotifyInput {
  template: TemplateKey;
  /** Values the template fills in: { code: 'PA-18100-251203-0001', title: '…', dueDate: '2025-12-10', url: '…' }. */
  params: Record<string, string | number | null>;
  /** Where the person can be reached; a message per channel present (phone → SMS, and Zalo when configured). */
  to: { email?: string | null; phone?: string | null };
  locale?: 'vi' | 'en';
  communeCode: string | null;
  /** What it is about (e.g. 'feedback_report' + id). */
  sourceType: string;
  sourceId: string;
  /** Unique per message; the channel is appended ('feedback.answered:<id>:<n>' → '…:email'). */
  idempotencyKey: string;
}

/** Queues the messages in the caller's transaction; returns the ids of the rows queued now (not the repeats). */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<string[]> {
  const ids: string[] = [];
  const rows: { channel: 'email' | 'sms'; recipient: string }[] = [];
  if (input.to.email) rows.push({ channel: 'email', recipient: input.to.email });
  if (input.to.phone) rows.push({ channel: 'sms', recipient: input.to.phone });
  for (const r of rows) {
    const id = uuidv7();
    const inserted = await tx
      .insert(notificationOutbox)
      .values({
        id,
        communeCode: input.communeCode,
        channel: r.channel,
        recipient: r.recipient,
        subject: input.template,
        body: JSON.stringify(input.params),
        template: input.template,
        locale: input.locale ?? 'vi',
        idempotencyKey: `${input.idempotencyKey}:${r.channel}`,
        sourceType: input.sourceType,
        sourceId: input.sourceId,
      })
      .onConflictDoNothing({ target: notificationOutbox.idempotencyKey })
      .returning({ id: notificationOutbox.id });
    if (inserted.length) ids.push(id);
  }
  return ids;
}
