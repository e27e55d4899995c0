/**
 * A real SMTP server for the outbox tests (smtp-server on 127.0.0.1, a random port): it keeps each message's
 * envelope, decoded subject and text body; an address starting with "khong-ton-tai@" is refused for good (550).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';

export interface Received {
  from: string;
  to: string[];
  subject: string;
  body: string;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?), adjacent ones joined, decoded as UTF-8 bytes. */
function decodeWords(value: string): string {
  const parts: Buffer[] = [];
  let rest = value.replace(/\?=\s+=\?/g, '?==?');
  rest = rest.replace(/=\?utf-8\?([bq])\?([^?]*)\?=|([^=]+|=)/gi, (_m, enc, data, plain) => {
    if (plain !== undefined) parts.push(Buffer.from(plain, 'utf8'));
    else if (enc.toLowerCase() === 'b') parts.push(Buffer.from(data, 'base64'));
    else parts.push(qpBytes(data.replace(/_/g, ' ')));
    return '';
  });
  return Buffer.concat(parts).toString('utf8');
}

function qpBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(s.charCodeAt(i));
  }
  return Buffer.from(out);
}

/** Subject and text body of a single-part message as nodemailer writes it. */
function parseMessage(raw: string): { subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map(
    head
      .split('\r\n')
      .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  let body = raw.slice(split + 4).replace(/\r\n$/, '');
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') body = qpBytes(body.replace(/=\r\n/g, '')).toString('utf8');
  else if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  else body = Buffer.from(body, 'latin1').toString('utf8');
  expect(headers.get('content-type')).toMatch(/charset=utf-8/i);
  return { subject: decodeWords(headers.get('subject') ?? ''), body: body.replace(/\r\n/g, '\n') };
}

export async function startSmtp(received: Received[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('khong-ton-tai@')) {
        const err = new Error('5.1.1 Không có hộp thư này') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const message = parseMessage(Buffer.concat(chunks).toString('latin1'));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...message,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (a mail server that is down). */
export async function closedPort(): Promise<number> {
  const s = new SMTPServer({ logger: false });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
