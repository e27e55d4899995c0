/** Routes of votes, secret ballots and elections in meetings, and "how did this member vote". */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CastRequest,
  CastResult,
  MemberVotes,
  MemberVotesQuery,
  OpenVoteRequest,
  PaperTallyRequest,
  Vote,
  VoteList,
} from '../../../common/api/meeting-votes';
import { CommuneCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { type Access, writeContext } from '../../http/auth';
import { meetingActor } from './actor';
import { enterPaperTally } from './ballots';
import type { MeetingDeps } from './index';
import { communeOfItem, communeOfMeeting, getMeetingRow } from './store';
import {
  castVote,
  closeVote,
  communeOfVote,
  getVote,
  getVoteRow,
  listMeetingVotes,
  memberVotes,
  openVote,
} from './votes';

const Id = z.object({ id: z.string().uuid() });
const Code = z.object({ code: CommuneCodeParam });
const tags = ['meetings'];

const record = (
  permission: 'meeting.read' | 'meeting.manage',
  communeOf: (db: Db, id: string) => Promise<string | null>,
): Access => ({ permission, recordParam: 'id', communeOf });

export function registerMeetingVoteRoutes(app: FastifyInstance, deps: MeetingDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.post(
    '/api/v1/meeting-items/:id/votes',
    {
      config: { access: record('meeting.manage', communeOfItem) },
      schema: {
        tags,
        summary:
          'Mở biểu quyết / bỏ phiếu kín / bầu cử cho một nội dung (kỳ họp đang diễn ra, đủ số thành viên tham dự)',
        params: Id,
        body: OpenVoteRequest,
        response: { 201: Vote },
      },
    },
    async (req, reply) => {
      const id = await openVote(writeContext(req, db), req.params.id, req.body);
      return reply.status(201).send(await getVote(db, id));
    },
  );

  r.get(
    '/api/v1/meetings/:id/votes',
    {
      config: { access: record('meeting.read', communeOfMeeting) },
      schema: {
        tags,
        summary: 'Các cuộc biểu quyết, bỏ phiếu, bầu cử của kỳ họp và kết quả',
        params: Id,
        response: { 200: VoteList },
      },
    },
    async (req) => {
      await getMeetingRow(db, req.params.id);
      return { items: await listMeetingVotes(db, req.params.id) };
    },
  );

  r.get(
    '/api/v1/meeting-votes/:id',
    {
      config: { access: record('meeting.read', communeOfVote) },
      schema: {
        tags,
        summary:
          'Một cuộc biểu quyết: số phiếu, kết quả và giải thích; biểu quyết công khai có ý kiến từng thành viên, bỏ phiếu kín chỉ có ai đã bỏ phiếu',
        params: Id,
        response: { 200: Vote },
      },
    },
    async (req) => getVote(db, req.params.id),
  );

  r.post(
    '/api/v1/meeting-votes/:id/ballots',
    {
      config: { access: record('meeting.read', communeOfVote) },
      schema: {
        tags,
        summary:
          'Biểu quyết của một thành viên có mặt (của chính mình; thư ký nhập thay khi biểu quyết công khai), một lần',
        params: Id,
        body: CastRequest,
        response: { 201: CastResult },
      },
    },
    async (req, reply) => {
      const vote = await getVoteRow(db, req.params.id);
      const actor = await meetingActor(req, db, vote.communeCode);
      return reply.status(201).send(await castVote(writeContext(req, db), actor, req.params.id, req.body));
    },
  );

  r.put(
    '/api/v1/meeting-votes/:id/paper-tally',
    {
      config: { access: record('meeting.manage', communeOfVote) },
      schema: {
        tags,
        summary:
          'Kết quả kiểm phiếu giấy của Ban kiểm phiếu: phiếu phát ra, thu vào, hợp lệ, không hợp lệ, số phiếu từng lựa chọn hoặc ứng cử viên',
        params: Id,
        body: PaperTallyRequest,
        response: { 200: Vote },
      },
    },
    async (req) => {
      await enterPaperTally(writeContext(req, db), await getVoteRow(db, req.params.id), req.body);
      return getVote(db, req.params.id);
    },
  );

  r.post(
    '/api/v1/meeting-votes/:id/close',
    {
      config: { access: record('meeting.manage', communeOfVote) },
      schema: {
        tags,
        summary:
          'Kết thúc biểu quyết: hệ thống tính kết quả theo quy tắc của cơ quan, công bố trên màn hình hội trường; bầu cử tạo chức vụ cho người trúng cử',
        params: Id,
        response: { 200: Vote },
      },
    },
    async (req) => {
      await closeVote(writeContext(req, db), req.params.id);
      return getVote(db, req.params.id);
    },
  );

  r.get(
    '/api/v1/communes/:code/member-votes',
    {
      config: { access: { permission: 'meeting.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Thành viên đã biểu quyết thế nào: các cuộc biểu quyết công khai (tán thành, không tán thành, không biểu quyết, không tham gia)',
        params: Code,
        querystring: MemberVotesQuery,
        response: { 200: MemberVotes },
      },
    },
    async (req) => memberVotes(db, req.params.code, req.query),
  );
}
