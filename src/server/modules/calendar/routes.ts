import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeadlineResponse, HolidayKey, HolidaysResponse, IsoDate } from '../../../common/api/calendar';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import * as calendar from './service';

const Year = z.coerce.number().int().min(1900).max(2199);
/**
 * The calendar knows holidays for 1900–2199 (the lunar tables end in 2199); a deadline of up to 3,650 days must
 * end inside that range (3,650 working days are about 15 years), so its start is 1900-01-01 … 2180-12-31.
 */
const DeadlineStart = IsoDate.refine((s) => s >= '1900-01-01' && s <= '2180-12-31', {
  message: 'calendar_range',
});

/** `onCalendarChanged`: other modules' hooks, run inside each change's transaction (given by app.ts). */
export function registerCalendarRoutes(
  app: FastifyInstance,
  deps: { db: Db; onCalendarChanged?: calendar.CalendarHooks },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const hooks = deps.onCalendarChanged ?? [];
  const tags = ['calendar'];

  r.get(
    '/api/v1/calendar/deadline',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Hạn giải quyết tính theo ngày làm việc (due date counted in working days)',
        querystring: z.object({ from: DeadlineStart, days: z.coerce.number().int().min(0).max(3650) }),
        response: { 200: DeadlineResponse },
      },
    },
    async (req) => {
      const cal = await calendar.getCalendar(db);
      return { from: req.query.from, days: req.query.days, ...cal.deadline(req.query.from, req.query.days) };
    },
  );

  r.get(
    '/api/v1/calendar/holidays',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Ngày nghỉ lễ, Tết và ngày làm bù của một năm (holidays of a year)',
        querystring: z.object({ year: Year }),
        response: { 200: HolidaysResponse },
      },
    },
    async (req) => {
      const cal = await calendar.getCalendar(db);
      const { daysOff, makeUpWorkingDays } = cal.holidays(req.query.year);
      return {
        year: req.query.year,
        daysOff,
        makeUpWorkingDays,
        announcements: await calendar.listAnnouncements(db, req.query.year),
      };
    },
  );

  const admin = { config: { access: { permission: 'map.manage' } as const } };
  r.post(
    '/api/v1/calendar/holiday-ranges',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Ghi nhận đợt nghỉ theo thông báo của Chính phủ (record an official holiday range)',
        body: z.object({
          from: IsoDate,
          to: IsoDate,
          key: HolidayKey,
          name: z.string().trim().min(2).max(200),
          note: z.string().max(500).optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await calendar.addHolidayRange(writeContext(req, db), req.body, hooks) }),
  );
  r.delete(
    '/api/v1/calendar/holiday-ranges/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Xóa đợt nghỉ (delete a holiday range)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      await calendar.deleteHolidayRange(writeContext(req, db), req.params.id, hooks);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/v1/calendar/make-up-days',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Ghi nhận ngày làm bù (record a make-up working Saturday)',
        body: z.object({ date: IsoDate, note: z.string().max(500).optional() }),
        response: { 201: z.object({ date: z.string() }) },
      },
    },
    async (req, reply) => {
      await calendar.addMakeUpDay(writeContext(req, db), req.body.date, req.body.note, hooks);
      return reply.status(201).send({ date: req.body.date });
    },
  );
  r.delete(
    '/api/v1/calendar/make-up-days/:date',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Xóa ngày làm bù (delete a make-up day)',
        params: z.object({ date: IsoDate }),
      },
    },
    async (req, reply) => {
      await calendar.deleteMakeUpDay(writeContext(req, db), req.params.date, hooks);
      return reply.status(204).send();
    },
  );
}
