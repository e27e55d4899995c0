/**
 * Routes of the meetings core: the bodies that meet (seats, rules with their confidence), meetings (prepare,
 * invite, open, close, cancel, archive rehearsals), answers to invitations, attendance, agenda and speeches, the
 * member's own list, and the public hall screen with its event stream.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgendaItemPatch,
  AgendaItemRequest,
  ArchiveRehearsalsResult,
  AttendanceRequest,
  CreateMeetingRequest,
  HallView,
  InviteRequest,
  MeetingBodyList,
  MeetingBodySettingsRequest,
  MeetingDetail,
  MeetingList,
  MeetingListQuery,
  MyMeetings,
  ReorderRequest,
  RespondRequest,
  SpeechRequest,
  UpdateMeetingRequest,
} from '../../../common/api/meetings';
import { CommuneCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { type Access, requirePrincipal, writeContext } from '../../http/auth';
import { publicRateLimit } from '../../http/rate-limit';
import { accountPeople } from '../auth/service';
import { streamChannel } from '../live/sse';
import { todayInVietnam } from '../org/document-format';
import { meetingActor, meetingChannel } from './actor';
import {
  addItem,
  deleteItem,
  finishItem,
  reorderItems,
  startItem,
  startSpeech,
  stopSpeech,
  updateItem,
} from './agenda';
import { recordAttendance } from './attendance';
import { listMeetingBodies, setBodySettings } from './bodies-settings';
import { hallView } from './hall';
import type { MeetingDeps } from './index';
import { inviteMeeting, respondToInvitation } from './invitations';
import {
  archiveRehearsals,
  cancelMeeting,
  closeMeeting,
  createMeeting,
  getMeetingDetail,
  listMeetings,
  myMeetings,
  openMeeting,
  updateMeeting,
} from './service';
import { communeOfItem, communeOfMeeting, getMeetingRow } from './store';

const Code = z.object({ code: CommuneCodeParam });
const Id = z.object({ id: z.string().uuid() });
const tags = ['meetings'];

const onMeeting = (permission: 'meeting.read' | 'meeting.manage'): Access => ({
  permission,
  recordParam: 'id',
  communeOf: communeOfMeeting,
});
const onItem = (permission: 'meeting.read' | 'meeting.manage'): Access => ({
  permission,
  recordParam: 'id',
  communeOf: communeOfItem,
});

export function registerMeetingCoreRoutes(app: FastifyInstance, deps: MeetingDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config, live } = deps;
  const limited = publicRateLimit(config.publicRateLimit);

  /** The meeting as the caller sees it (what they may do, their own row). */
  const detail = async (req: FastifyRequest, db: Db, meetingId: string) => {
    const meeting = await getMeetingRow(db, meetingId);
    return getMeetingDetail(db, meetingId, await meetingActor(req, db, meeting.communeCode));
  };
  const actorOfMeeting = async (req: FastifyRequest, meetingId: string) =>
    meetingActor(req, db, (await getMeetingRow(db, meetingId)).communeCode);

  // ——— bodies ———

  r.get(
    '/api/v1/communes/:code/meeting-bodies',
    {
      config: { access: { permission: 'meeting.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Các cơ quan tổ chức kỳ họp của xã: loại, số ghế, thành viên hôm nay, ghế trống, quy tắc (C: luật định, U: cấu hình được)',
        params: Code,
        response: { 200: MeetingBodyList },
      },
    },
    async (req) => listMeetingBodies(db, req.params.code),
  );

  r.put(
    '/api/v1/communes/:code/meeting-bodies',
    {
      config: { access: { permission: 'meeting.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Đặt số ghế và quy tắc riêng (ngưỡng túc số, thông qua…) của một cơ quan',
        params: Code,
        body: MeetingBodySettingsRequest,
        response: { 200: MeetingBodyList },
      },
    },
    async (req) => setBodySettings(writeContext(req, db), req.params.code, req.body),
  );

  // ——— meetings ———

  r.get(
    '/api/v1/communes/:code/meetings',
    {
      config: { access: { permission: 'meeting.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Kỳ họp, phiên họp của xã (lọc theo cơ quan, trạng thái, ngày, diễn tập), mới nhất trước, theo trang',
        params: Code,
        querystring: MeetingListQuery,
        response: { 200: MeetingList },
      },
    },
    async (req) => listMeetings(db, req.params.code, req.query),
  );

  r.post(
    '/api/v1/communes/:code/meetings',
    {
      config: { access: { permission: 'meeting.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Tạo kỳ họp (cơ quan, loại, ngày giờ, địa điểm, người triệu tập, chủ tọa, diễn tập)',
        params: Code,
        body: CreateMeetingRequest,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => {
      const id = await createMeeting(writeContext(req, db), req.params.code, req.body);
      return reply.code(201).send(await detail(req, db, id));
    },
  );

  r.post(
    '/api/v1/communes/:code/meetings/archive-rehearsals',
    {
      config: { access: { permission: 'meeting.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Lưu trữ mọi kỳ họp diễn tập của xã (khi chuyển sang vận hành chính thức); vẫn xem được',
        params: Code,
        response: { 200: ArchiveRehearsalsResult },
      },
    },
    async (req) => archiveRehearsals(writeContext(req, db), req.params.code),
  );

  r.get(
    '/api/v1/meetings/:id',
    {
      config: { access: onMeeting('meeting.read') },
      schema: {
        tags,
        summary: 'Một kỳ họp: người dự, chương trình, phát biểu, điểm danh và túc số',
        params: Id,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => detail(req, db, req.params.id),
  );

  r.patch(
    '/api/v1/meetings/:id',
    {
      config: { access: onMeeting('meeting.manage') },
      schema: {
        tags,
        summary: 'Sửa kỳ họp khi đang chuẩn bị (soạn thảo hoặc đã mời)',
        params: Id,
        body: UpdateMeetingRequest,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      await updateMeeting(writeContext(req, db), req.params.id, req.body);
      return detail(req, db, req.params.id);
    },
  );

  const transition = (
    path: string,
    summary: string,
    run: (ctx: ReturnType<typeof writeContext>, id: string) => Promise<void>,
  ) =>
    r.post(
      `/api/v1/meetings/:id/${path}`,
      {
        config: { access: onMeeting('meeting.manage') },
        schema: { tags, summary, params: Id, response: { 200: MeetingDetail } },
      },
      async (req) => {
        await run(writeContext(req, db), req.params.id);
        return detail(req, db, req.params.id);
      },
    );
  transition('cancel', 'Hủy kỳ họp (khi đang chuẩn bị)', cancelMeeting);
  transition('open', 'Khai mạc: kỳ họp bắt đầu (ghi thời điểm)', openMeeting);
  transition('close', 'Bế mạc (không được khi còn biểu quyết đang mở)', closeMeeting);

  r.post(
    '/api/v1/meetings/:id/invite',
    {
      config: { access: onMeeting('meeting.manage') },
      schema: {
        tags,
        summary:
          'Gửi giấy mời: thành viên của cơ quan vào ngày họp và khách mời; gửi lại chỉ mời người mới, không trùng',
        params: Id,
        body: InviteRequest,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      await inviteMeeting(writeContext(req, db), config, req.params.id, req.body);
      return detail(req, db, req.params.id);
    },
  );

  r.post(
    '/api/v1/meetings/:id/response',
    {
      config: { access: onMeeting('meeting.read') },
      schema: {
        tags,
        summary: 'Xác nhận dự họp hoặc báo vắng có lý do (thành viên tự làm, hoặc thư ký làm thay)',
        params: Id,
        body: RespondRequest,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      const actor = await actorOfMeeting(req, req.params.id);
      await respondToInvitation(writeContext(req, db), actor, req.params.id, req.body);
      return detail(req, db, req.params.id);
    },
  );

  r.post(
    '/api/v1/meetings/:id/attendance',
    {
      config: { access: onMeeting('meeting.read') },
      schema: {
        tags,
        summary: 'Điểm danh có mặt / rời họp (thành viên trên thiết bị của mình, hoặc thư ký)',
        params: Id,
        body: AttendanceRequest,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      const actor = await actorOfMeeting(req, req.params.id);
      await recordAttendance(writeContext(req, db), actor, req.params.id, req.body);
      return detail(req, db, req.params.id);
    },
  );

  // ——— agenda ———

  r.post(
    '/api/v1/meetings/:id/items',
    {
      config: { access: onMeeting('meeting.manage') },
      schema: {
        tags,
        summary: 'Thêm nội dung vào chương trình (người trình bày, thời lượng, hình thức quyết định)',
        params: Id,
        body: AgendaItemRequest,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => {
      await addItem(writeContext(req, db), req.params.id, req.body);
      return reply.code(201).send(await detail(req, db, req.params.id));
    },
  );

  r.put(
    '/api/v1/meetings/:id/items/order',
    {
      config: { access: onMeeting('meeting.manage') },
      schema: {
        tags,
        summary: 'Sắp xếp lại chương trình (đúng các nội dung, mỗi nội dung một lần)',
        params: Id,
        body: ReorderRequest,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      await reorderItems(writeContext(req, db), req.params.id, req.body.itemIds);
      return detail(req, db, req.params.id);
    },
  );

  r.patch(
    '/api/v1/meeting-items/:id',
    {
      config: { access: onItem('meeting.manage') },
      schema: {
        tags,
        summary: 'Sửa nội dung chương trình (khi chưa bắt đầu) hoặc ghi ý kiến thảo luận',
        params: Id,
        body: AgendaItemPatch,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => detail(req, db, await updateItem(writeContext(req, db), req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/meeting-items/:id',
    {
      config: { access: onItem('meeting.manage') },
      schema: {
        tags,
        summary: 'Xóa nội dung khỏi chương trình (khi kỳ họp chưa khai mạc)',
        params: Id,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => detail(req, db, await deleteItem(writeContext(req, db), req.params.id)),
  );

  const itemAction = (
    path: string,
    summary: string,
    run: (ctx: ReturnType<typeof writeContext>, id: string) => Promise<string>,
  ) =>
    r.post(
      `/api/v1/meeting-items/:id/${path}`,
      {
        config: { access: onItem('meeting.manage') },
        schema: { tags, summary, params: Id, response: { 200: MeetingDetail } },
      },
      async (req) => detail(req, db, await run(writeContext(req, db), req.params.id)),
    );
  itemAction('start', 'Bắt đầu nội dung (nội dung đang thảo luận trước đó kết thúc)', startItem);
  itemAction('finish', 'Kết thúc nội dung đang thảo luận', finishItem);
  itemAction('speeches/stop', 'Dừng người đang phát biểu (ghi thời gian phát biểu)', stopSpeech);

  r.post(
    '/api/v1/meeting-items/:id/speeches',
    {
      config: { access: onItem('meeting.manage') },
      schema: {
        tags,
        summary: 'Mời phát biểu về nội dung đang thảo luận (cán bộ hoặc tên người phát biểu)',
        params: Id,
        body: SpeechRequest,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => detail(req, db, await startSpeech(writeContext(req, db), req.params.id, req.body)),
  );

  // ——— the member's own ———

  r.get(
    '/api/v1/me/meetings',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Kỳ họp tôi được mời (sắp tới trước), với trả lời của tôi',
        response: { 200: MyMeetings },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const officialId = (await accountPeople(db, [p.accountId])).get(p.accountId)?.officialId ?? null;
      return myMeetings(db, officialId, todayInVietnam());
    },
  );

  // ——— hall screen (public) ———

  r.get(
    '/api/v1/public/meetings/:id/hall',
    {
      config: { ...limited, access: 'public' },
      schema: {
        tags,
        summary:
          'Màn hình hội trường: nội dung đang thảo luận, người phát biểu, số có mặt và túc số, kết quả biểu quyết gần nhất',
        params: Id,
        response: { 200: HallView },
      },
    },
    async (req) => hallView(db, req.params.id),
  );

  r.get(
    '/api/v1/public/meetings/:id/events',
    {
      // Counts connections opened, not events sent.
      config: { ...limited, access: 'public' },
      schema: {
        tags,
        summary:
          'Luồng sự kiện (text/event-stream) của màn hình hội trường: "snapshot" rồi "meeting.changed", "attendance.changed", "item.changed", "vote.*"',
        params: Id,
      },
    },
    async (req, reply) => {
      await getMeetingRow(db, req.params.id);
      await streamChannel(req, reply, {
        hub: live,
        channel: meetingChannel(req.params.id),
        snapshot: () => hallView(db, req.params.id),
      });
    },
  );
}
