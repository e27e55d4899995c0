import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../common/api/calendar';
import {
  BoardView,
  CallNextResult,
  Counter,
  CounterPatch,
  CounterRequest,
  FinishTicketRequest,
  IssuedTicket,
  KioskView,
  QueueConsole,
  QueueSettingsRequest,
  QueueStats,
  QueueTicket,
  ServiceGroup,
  ServiceGroupPatch,
  ServiceGroupRequest,
  TakeTicketRequest,
} from '../../../common/api/tickets';
import { CommuneCodeParam } from '../../../common/api/units';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { type Access, writeContext } from '../../http/auth';
import { publicRateLimit } from '../../http/rate-limit';
import type { LiveHub } from '../live/hub';
import { streamChannel } from '../live/sse';
import { getCommune } from '../units/service';
import { createCounter, createGroup, setQueueSettings, updateCounter, updateGroup } from './config';
import { ticketDay } from './domain';
import { actOnTicket, callNext, issueTicket } from './service';
import { communeOfCounter, communeOfGroup, communeOfTicket, queueChannel } from './store';
import { renderTicketPdf } from './ticket-pdf';
import { boardView, consoleView, getPrintableTicket, kioskView, queueStats } from './views';

const Code = z.object({ code: CommuneCodeParam });
const Id = z.object({ id: z.string().uuid() });
const tags = ['queue'];

const record = (
  permission: 'queue.serve' | 'queue.manage',
  communeOf: (db: Db, id: string) => Promise<string | null>,
): Access => ({ permission, recordParam: 'id', communeOf });

/**
 * Queue tickets (xếp hàng lấy số): the public kiosk and hall display of a commune, the counter console of its
 * one-stop officers, the configuration by its leader, and the day's waiting times on its dashboard.
 */
export function registerTicketRoutes(
  app: FastifyInstance,
  deps: { db: Db; config: AppConfig; live: LiveHub },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, live } = deps;
  const limited = publicRateLimit(deps.config.publicRateLimit);

  r.get(
    '/api/v1/public/queues/:code',
    {
      config: { ...limited, access: 'public' },
      schema: {
        tags,
        summary: 'Màn hình lấy số (kiosk): các nhóm dịch vụ của xã và số người đang chờ (queue kiosk view)',
        params: Code,
        response: { 200: KioskView },
      },
    },
    async (req) => kioskView(db, req.params.code),
  );

  r.post(
    '/api/v1/public/queues/:code/tickets',
    {
      config: { ...limited, access: 'public' },
      schema: {
        tags,
        summary:
          'Lấy số thứ tự cho một nhóm dịch vụ, có thể ưu tiên (người cao tuổi, khuyết tật, phụ nữ mang thai); không cần tài khoản',
        params: Code,
        body: TakeTicketRequest,
        response: { 201: IssuedTicket },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await issueTicket(writeContext(req, db), req.params.code, req.body)),
  );

  r.get(
    '/api/v1/public/queue-tickets/:id/ticket.pdf',
    {
      config: { ...limited, access: 'public' },
      schema: { tags, summary: 'Phiếu số thứ tự in nhiệt 80 mm (PDF)', params: Id },
    },
    async (req, reply) => {
      const pdf = await renderTicketPdf(await getPrintableTicket(db, req.params.id));
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="so-thu-tu.pdf"')
        .send(pdf);
    },
  );

  r.get(
    '/api/v1/public/queues/:code/board',
    {
      config: { ...limited, access: 'public' },
      schema: {
        tags,
        summary: 'Màn hình gọi số tại sảnh: các lượt gọi gần nhất và số người chờ theo nhóm (hall display)',
        params: Code,
        response: { 200: BoardView },
      },
    },
    async (req) => boardView(db, req.params.code),
  );

  r.get(
    '/api/v1/public/queues/:code/events',
    {
      // Counts connections opened (a display reconnects every few seconds at most), not events sent.
      config: { ...limited, access: 'public' },
      schema: {
        tags,
        summary:
          'Luồng sự kiện (text/event-stream) của màn hình gọi số: "snapshot" rồi "ticket.called", "ticket.issued", "ticket.closed"',
        params: Code,
      },
    },
    async (req, reply) => {
      await getCommune(db, req.params.code);
      await streamChannel(req, reply, {
        hub: live,
        channel: queueChannel(req.params.code),
        snapshot: () => boardView(db, req.params.code),
      });
    },
  );

  r.get(
    '/api/v1/communes/:code/queue',
    {
      config: { access: { permission: 'queue.serve', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Bàn gọi số của bộ phận một cửa: nhóm dịch vụ, quầy và số đang phục vụ, các số đang chờ',
        params: Code,
        response: { 200: QueueConsole },
      },
    },
    async (req) => consoleView(db, req.params.code),
  );

  r.get(
    '/api/v1/communes/:code/queue/stats',
    {
      config: { access: { permission: 'dossier.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Thời gian chờ theo nhóm dịch vụ trong ngày: đã cấp, đã phục vụ, đang chờ, trung bình và p90',
        params: Code,
        querystring: z.object({ day: IsoDate.optional() }),
        response: { 200: QueueStats },
      },
    },
    async (req) => queueStats(db, req.params.code, req.query.day ?? ticketDay(new Date())),
  );

  r.post(
    '/api/v1/queue-counters/:id/call-next',
    {
      config: { access: record('queue.serve', communeOfCounter) },
      schema: {
        tags,
        summary:
          'Gọi số tiếp theo tại quầy (số ưu tiên trước; số đang phục vụ được ghi là đã xong); null khi không ai chờ',
        params: Id,
        response: { 200: CallNextResult },
      },
    },
    async (req) => ({ ticket: await callNext(writeContext(req, db), req.params.id) }),
  );

  r.post(
    '/api/v1/queue-tickets/:id/recall',
    {
      config: { access: record('queue.serve', communeOfTicket) },
      schema: { tags, summary: 'Gọi lại số đang phục vụ', params: Id, response: { 200: QueueTicket } },
    },
    async (req) => actOnTicket(writeContext(req, db), req.params.id, 'recall'),
  );

  r.post(
    '/api/v1/queue-tickets/:id/finish',
    {
      config: { access: record('queue.serve', communeOfTicket) },
      schema: {
        tags,
        summary: 'Kết thúc số đang phục vụ: đã phục vụ (có thể gắn hồ sơ đã tiếp nhận) hoặc vắng mặt',
        params: Id,
        body: FinishTicketRequest,
        response: { 200: QueueTicket },
      },
    },
    async (req) =>
      actOnTicket(
        writeContext(req, db),
        req.params.id,
        req.body.outcome === 'served' ? 'serve' : 'no_show',
        req.body.dossierId ? { dossierId: req.body.dossierId } : {},
      ),
  );

  r.post(
    '/api/v1/communes/:code/queue/groups',
    {
      config: { access: { permission: 'queue.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Thêm nhóm dịch vụ (chữ cái đầu số thứ tự)',
        params: Code,
        body: ServiceGroupRequest,
        response: { 201: ServiceGroup },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createGroup(writeContext(req, db), req.params.code, req.body)),
  );

  r.patch(
    '/api/v1/queue-groups/:id',
    {
      config: { access: record('queue.manage', communeOfGroup) },
      schema: {
        tags,
        summary: 'Sửa, tạm ngừng nhóm dịch vụ',
        params: Id,
        body: ServiceGroupPatch,
        response: { 200: ServiceGroup },
      },
    },
    async (req) => updateGroup(writeContext(req, db), req.params.id, req.body),
  );

  r.post(
    '/api/v1/communes/:code/queue/counters',
    {
      config: { access: { permission: 'queue.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Thêm quầy và các nhóm dịch vụ quầy phục vụ',
        params: Code,
        body: CounterRequest,
        response: { 201: Counter },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createCounter(writeContext(req, db), req.params.code, req.body)),
  );

  r.patch(
    '/api/v1/queue-counters/:id',
    {
      config: { access: record('queue.manage', communeOfCounter) },
      schema: {
        tags,
        summary: 'Sửa, tạm ngừng quầy',
        params: Id,
        body: CounterPatch,
        response: { 200: Counter },
      },
    },
    async (req) => updateCounter(writeContext(req, db), req.params.id, req.body),
  );

  r.put(
    '/api/v1/communes/:code/queue/settings',
    {
      config: { access: { permission: 'queue.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Thứ tự gọi: số ưu tiên trước mọi số thường (mặc định) hoặc theo thứ tự lấy số',
        params: Code,
        body: QueueSettingsRequest,
        response: { 200: QueueSettingsRequest },
      },
    },
    async (req) => setQueueSettings(writeContext(req, db), req.params.code, req.body.priorityFirst),
  );
}
