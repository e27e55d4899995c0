/**
 * The administrators' view of the outbox: what was sent, what failed and why, what is being retried, what was only
 * recorded — within the caller's rights (notifications.read: the system administrator sees everything, a commune
 * leader their commune, a province officer the communes of their province) — and a retry of a failed message.
 * Recipients are partly masked in the list; the message text is not listed.
 */
import { and, count, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TEMPLATES,
  type NotificationCounts,
  NotificationItem,
  NotificationList,
  type NotificationStatus,
} from '../../../common/api/notifications';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { authorizeCommune, communeScope, isUuid, requirePrincipal, writeContext } from '../../http/auth';
import { AppError, fieldError, text } from '../../http/errors';
import { canWithRestriction } from '../auth/permissions';
import { communeCodesOfProvinces, findCommuneLocation } from '../units/service';
import { setNotifyChannels } from './notify';
import { notificationOutbox } from './schema';
import { maskRecipient } from './transports';

type Row = typeof notificationOutbox.$inferSelect;

const PAGE = 50;

function statusOf(r: Pick<Row, 'status' | 'attempts'>): NotificationStatus {
  if (r.status === 'pending') return r.attempts > 0 ? 'retrying' : 'pending';
  return r.status as NotificationStatus;
}

/** A row as the list shows it: the recipient masked, also where the server's error quotes it. */
export function presentNotification(r: Row): NotificationItem {
  const masked = maskRecipient(r.recipient);
  return {
    id: r.id,
    communeCode: r.communeCode,
    channel: r.channel as NotificationItem['channel'],
    template: r.template,
    locale: r.locale,
    recipient: masked,
    subject: r.subject,
    status: statusOf(r),
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError ? r.lastError.split(r.recipient).join(masked) : null,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    sourceType: r.sourceType,
    sourceId: r.sourceId,
  };
}

function statusCondition(status: NotificationStatus): SQL {
  const o = notificationOutbox;
  if (status === 'pending') return and(eq(o.status, 'pending'), eq(o.attempts, 0))!;
  if (status === 'retrying') return and(eq(o.status, 'pending'), gt(o.attempts, 0))!;
  return eq(o.status, status);
}

/** The communes the caller may see messages of (null: all, including messages of no commune). */
async function visibleCommunes(req: FastifyRequest, db: Db, communeCode?: string): Promise<string[] | null> {
  if (communeCode) {
    await authorizeCommune(req, db, communeCode, 'notifications.read');
    return [communeCode];
  }
  const scope = communeScope(req, 'notifications.read');
  if (scope.all) return null;
  const codes = [...scope.communeCodes, ...(await communeCodesOfProvinces(db, scope.provinceCodes))];
  if (!codes.length) throw new AppError('forbidden');
  return codes;
}

/** May the caller see (and retry) this row? Messages of no commune: the system administrator only. */
async function mayRead(req: FastifyRequest, db: Db, row: Pick<Row, 'communeCode'>): Promise<boolean> {
  const principal = requirePrincipal(req);
  const { grants, restriction } = principal;
  if (!row.communeCode) return canWithRestriction(grants, restriction, 'notifications.read');
  const where = await findCommuneLocation(db, row.communeCode);
  return !!where && canWithRestriction(grants, restriction, 'notifications.read', where);
}

export function registerNotificationRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const { db, config } = deps;
  // A phone gets Zalo messages too only when a Zalo provider is configured.
  setNotifyChannels({ zalo: !!config.notifications.zalo, publicUrl: config.publicUrl });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/notifications',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary:
          'Hộp thư đi (e-mail, SMS, Zalo): đã gửi, lỗi, đang thử lại, chờ gửi, chỉ ghi nhận — trong phạm vi quyền xem',
        querystring: z.object({
          status: z.enum(NOTIFICATION_STATUSES).optional(),
          channel: z.enum(NOTIFICATION_CHANNELS).optional(),
          template: z.enum(NOTIFICATION_TEMPLATES).optional(),
          communeCode: z
            .string()
            .regex(/^\d{5}$/, { message: 'commune_code' })
            .optional(),
          cursor: z.string().max(100).optional(),
        }),
        response: { 200: NotificationList },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.cursor !== undefined && !isUuid(q.cursor))
        throw fieldError('query.cursor', 'Vị trí trang không hợp lệ.', 'Invalid page cursor.');
      const communes = await visibleCommunes(req, db, q.communeCode);
      const o = notificationOutbox;
      const filters: SQL[] = [];
      if (communes) filters.push(inArray(o.communeCode, communes));
      if (q.channel) filters.push(eq(o.channel, q.channel));
      if (q.template) filters.push(eq(o.template, q.template));
      const listed = [...filters];
      if (q.status) listed.push(statusCondition(q.status));
      if (q.cursor) listed.push(lt(o.id, q.cursor));
      const [rows, grouped] = await Promise.all([
        db
          .select()
          .from(o)
          .where(and(...listed))
          .orderBy(desc(o.id))
          .limit(PAGE + 1),
        db
          .select({
            status: o.status,
            retrying: sql<boolean>`${o.attempts} > 0`,
            n: count(),
          })
          .from(o)
          .where(and(...filters))
          .groupBy(o.status, sql`${o.attempts} > 0`),
      ]);
      const counts: NotificationCounts = { pending: 0, retrying: 0, sent: 0, failed: 0, recorded: 0 };
      for (const g of grouped) {
        const s = statusOf({ status: g.status, attempts: g.retrying ? 1 : 0 });
        counts[s] += Number(g.n);
      }
      const page = rows.slice(0, PAGE);
      return {
        items: page.map(presentNotification),
        nextCursor: rows.length > PAGE ? page[page.length - 1]!.id : null,
        counts,
      };
    },
  );

  r.post(
    '/api/v1/notifications/:id/retry',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Gửi lại một thông báo đã lỗi (failed): về hàng chờ, thử lại từ đầu',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: NotificationItem },
      },
    },
    async (req) => {
      const { id } = req.params;
      const o = notificationOutbox;
      const find = async () => (isUuid(id) ? (await db.select().from(o).where(eq(o.id, id)))[0] : undefined);
      const found = await find();
      // Another commune's message reads like a missing one.
      if (!found || !(await mayRead(req, db, found))) throw new AppError('not_found');
      const row = await inTransaction(writeContext(req, db), async (tx, audit) => {
        const [locked] = await tx.select().from(o).where(eq(o.id, id)).for('update');
        if (locked?.status !== 'failed') {
          throw new AppError(
            'conflict',
            text(
              'Chỉ gửi lại được thông báo đã lỗi; thông báo này đang ở trạng thái "{s}".',
              'Only a failed message can be sent again; this one is "{s}".',
              { s: locked ? statusOf(locked) : 'unknown' },
            ),
          );
        }
        const [updated] = await tx
          .update(o)
          .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date() })
          .where(eq(o.id, id))
          .returning();
        await audit({
          action: 'notification.retry',
          entityType: 'notification',
          entityId: id,
          communeCode: locked.communeCode,
          before: { status: locked.status, attempts: locked.attempts, lastError: locked.lastError },
          after: { status: 'pending', attempts: 0 },
        });
        return updated!;
      });
      return presentNotification(row);
    },
  );
}
