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
import { render } from './templates';

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

/** Channels besides e-mail and SMS that are switched on (set once at start-up from the configuration). */
const enabled = { zalo: false, publicUrl: null as string | null };

/**
 * Zalo messages are queued for a phone only when a Zalo provider is configured; links in messages start with the
 * public address. Set at start-up by registerNotificationRoutes.
 */
export function setNotifyChannels(channels: { zalo: boolean; publicUrl?: string | null }) {
  enabled.zalo = channels.zalo;
  if (channels.publicUrl !== undefined) enabled.publicUrl = channels.publicUrl;
}

/** A link for a message: the public address + path, or null when none is configured (the line is left out). */
export function publicLink(path: string): string | null {
  return enabled.publicUrl ? `${enabled.publicUrl}${path}` : null;
}

type Channel = 'email' | 'sms' | 'zalo';

/** A phone number as a provider takes it: digits, with a leading + kept (spaces, dots, dashes dropped). */
export function normalizePhone(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[\s.\-()]/g, '');
  return /^\+?\d{8,15}$/.test(digits) ? digits : null;
}

function normalizeEmail(email: string): string | null {
  const e = email.trim();
  return e.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

/** The channels a person can be reached on, with the address of each (none: nothing is queued, no error). */
export function channelsOf(to: NotifyInput['to']): { channel: Channel; recipient: string }[] {
  const out: { channel: Channel; recipient: string }[] = [];
  const email = to.email ? normalizeEmail(to.email) : null;
  const phone = to.phone ? normalizePhone(to.phone) : null;
  if (email) out.push({ channel: 'email', recipient: email });
  if (phone) {
    out.push({ channel: 'sms', recipient: phone });
    if (enabled.zalo) out.push({ channel: 'zalo', recipient: phone });
  }
  return out;
}

/**
 * Queues the messages in the caller's transaction; returns the ids of the rows queued now (not the repeats). A
 * person without a usable e-mail or phone gets nothing, and that is not an error (an anonymous report).
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<string[]> {
  const ids: string[] = [];
  const locale = input.locale ?? 'vi';
  for (const r of channelsOf(input.to)) {
    const id = uuidv7();
    const { subject, body } = render(input.template, locale, input.params, r.channel);
    const inserted = await tx
      .insert(notificationOutbox)
      .values({
        id,
        communeCode: input.communeCode,
        channel: r.channel,
        recipient: r.recipient,
        subject,
        body,
        template: input.template,
        locale,
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
