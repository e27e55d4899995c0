/**
 * How a queued message leaves XãSố: one interface, one transport per channel. E-mail goes to an SMTP server
 * (nodemailer); SMS and Zalo go to an HTTP provider's webhook (POST JSON { to, text, idempotencyKey }); `log`
 * writes one line (without the message's text or the full address) and the row is kept as `recorded` — the
 * default in the demo and for any channel without a configured transport.
 *
 * A transport throws to say the attempt failed; a PermanentFailure means retrying can never help (the mail
 * server refused the address for good, the provider answered 4xx), anything else is retried with back-off.
 */
import type { Transporter } from 'nodemailer';
import type { AppConfig } from '../../config';
import { loadNodemailer } from '../../lazy-libraries';

export type Channel = 'email' | 'sms' | 'zalo' | 'log';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'zalo', 'log'];

export interface OutboundMessage {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  template: string | null;
  /** The outbox row's key ('dossier.received:<id>:sms'; the row id for messages queued without one). */
  idempotencyKey: string;
}

export interface Transport {
  /** 'log' transports keep the message (status recorded) instead of delivering it (status sent). */
  readonly kind: 'deliver' | 'log';
  send(msg: OutboundMessage): Promise<void>;
  close?(): void;
}

/** The transport of each channel; a channel without one is recorded through `log`. */
export type Transports = Partial<Record<Channel, Transport>>;

/** An attempt that will never succeed as it is: the message is given up at once (status failed). */
export class PermanentFailure extends Error {
  readonly permanent = true;
}

export function isPermanent(err: unknown): boolean {
  if (err instanceof PermanentFailure) return true;
  // nodemailer: a 5xx answer of the mail server (bad address …).
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A recipient as a log line or a list may show it: enough to recognise, not enough to use. */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) {
    const local = recipient.slice(0, at);
    return `${local.slice(0, Math.min(2, local.length - 1))}***${recipient.slice(at)}`;
  }
  const digits = recipient.replace(/\D/g, '');
  if (digits.length >= 7) return `${recipient.slice(0, 4)}***${recipient.slice(-3)}`;
  return '***';
}

/** What a mail transport must offer (nodemailer's Transporter has it). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
}

/** E-mail through a mail transport (the SMTP server), from the configured sender. */
export function mailTransport(transport: MailTransport, from: string): Transport {
  return {
    kind: 'deliver',
    async send(msg) {
      await transport.sendMail({ from, to: msg.recipient, subject: msg.subject, text: msg.body });
    },
    close: () => transport.close?.(),
  };
}

/**
 * nodemailer's SMTP transport for an smtp:// or smtps:// URL — the one place it is made, for the configured mail
 * server (smtpTransport) and the worker's mailer (smtpMailer). nodemailer is loaded, and the transport created, at
 * the first message: a process that never sends mail (every CLI command, most server starts) does not pay for it.
 * Creating it later changes nothing a user sees: the only creation errors are URLs that do not parse, which the
 * configuration already refuses (XASO_SMTP_URL must be a URL), and an error of the first send is that attempt's
 * failure (retried with back-off, like a refused connection). Without `pool`, each message has its own connection.
 */
export function smtpMailTransport(url: string): MailTransport & { close(): void } {
  let created: Promise<Transporter> | null = null;
  const transporter = () => {
    created ??= loadNodemailer().then(
      (nodemailer) =>
        nodemailer.createTransport({
          url,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        }),
      (err: unknown) => {
        created = null; // a failed load is tried again at the next message
        throw err;
      },
    );
    return created;
  };
  return {
    async sendMail(message) {
      return (await transporter()).sendMail(message);
    },
    // Nothing to release when no message was sent; sends after close() still work, as with nodemailer's own close.
    close: () => void created?.then((t) => t.close()).catch(() => {}),
  };
}

/** E-mail through the configured mail server (smtp:// or smtps:// URL), from the configured sender. */
export function smtpTransport(smtp: { url: string; from: string }): Transport {
  return mailTransport(smtpMailTransport(smtp.url), smtp.from);
}

/**
 * SMS or Zalo through the provider's webhook: POST { to, text, idempotencyKey } as JSON (the key also in an
 * Idempotency-Key header, so a provider can drop a message it already took when a lost answer makes us resend).
 * 2xx: sent. 408 and 429: try again later. Other 4xx: the provider refuses the message for good (failed). 5xx, a
 * timeout, a refused connection: try again later.
 */
export function webhookTransport(options: {
  url: string;
  token: string | null;
  timeoutMs?: number;
}): Transport {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    kind: 'deliver',
    async send(msg) {
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': msg.idempotencyKey,
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const res = await fetch(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: msg.recipient, text: msg.body, idempotencyKey: msg.idempotencyKey }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      if (res.ok) {
        await res.body?.cancel();
        return;
      }
      const detail = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
      const message = `HTTP ${res.status}${detail ? `: ${detail}` : ''}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new PermanentFailure(message);
      throw new Error(message);
    },
  };
}

export interface LogSink {
  info(obj: unknown, msg?: string): void;
}

/**
 * Keeps the message without sending it: one log line naming the message (id, channel, template, masked
 * recipient, key) but never its text, which may hold personal data.
 */
export function logTransport(logger: LogSink | null): Transport {
  return {
    kind: 'log',
    async send(msg) {
      logger?.info(
        {
          notification: {
            id: msg.id,
            channel: msg.channel,
            template: msg.template,
            recipient: maskRecipient(msg.recipient),
            idempotencyKey: msg.idempotencyKey,
          },
        },
        'notification recorded (no transport for this channel)',
      );
    },
  };
}

/** The transports the configuration names (SMTP, SMS and Zalo webhooks); missing ones are recorded. */
export function configuredTransports(config: Pick<AppConfig, 'notifications'>): Transports {
  const n = config.notifications;
  const out: Transports = {};
  if (n.smtp) out.email = smtpTransport(n.smtp);
  if (n.sms) out.sms = webhookTransport({ ...n.sms, timeoutMs: n.timeoutMs });
  if (n.zalo) out.zalo = webhookTransport({ ...n.zalo, timeoutMs: n.timeoutMs });
  return out;
}
