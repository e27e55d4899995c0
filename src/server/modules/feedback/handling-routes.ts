/**
 * HTTP for the staff's handling of a report: GET /feedback/:id (the staff's view), GET /feedback/:id/assignees
 * (the assign picker with the default handler of the task assignment) and POST /feedback/:id/actions/<action> with
 * the version the caller saw. Any official who may read the commune's reports reaches the routes (another commune's
 * report: 404); the lifecycle says whether their roles may take the action (403) in the report's state (409).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FeedbackDetail } from '../../../common/api/feedback';
import {
  AnswerFeedbackBody,
  ApproveFeedbackBody,
  AssignFeedbackBody,
  CloseFeedbackBody,
  EditPublicFeedbackBody,
  FeedbackAssignees,
  FeedbackReasonBody,
  FeedbackVersionBody,
  ForwardFeedbackBody,
  MergeFeedbackBody,
  SplitFeedbackBody,
} from '../../../common/api/feedback-handling';
import type { WriteContext } from '../../db/transaction';
import { type Access, requirePrincipal, writeContext } from '../../http/auth';
import { AppError, fieldError } from '../../http/errors';
import { getFeedbackDetail } from './detail';
import { checkNoHtml } from './domain/validation';
import {
  acceptReport,
  answerReport,
  approveAnswer,
  assigneesOf,
  assignReport,
  type Caller,
  closeReport,
  editPublicAnswer,
  escalateReport,
  forwardReport,
  mergeReport,
  rejectReport,
  returnAnswer,
  returnFromProvince,
  splitReport,
} from './handling';
import type { FeedbackDeps } from './index';
import { feedbackCommuneOf, findReport } from './store';

const Id = z.object({ id: z.string() });
const read = (permission: 'feedback.read' | 'feedback.handle') => ({
  access: { permission, recordParam: 'id', communeOf: feedbackCommuneOf } satisfies Access,
});

type Step<B> = (ctx: WriteContext, caller: Caller, id: string, body: B) => Promise<string>;

interface ActionRoute<S extends z.ZodTypeAny> {
  name: string;
  body: S;
  summary: string;
  run: Step<z.infer<S>>;
}

const route = <S extends z.ZodTypeAny>(r: ActionRoute<S>) => r;

const ACTIONS = [
  route({
    name: 'accept',
    body: FeedbackVersionBody,
    summary: 'Thụ lý phản ánh (hạn trả lời tính từ hôm nay theo lĩnh vực: ngày làm việc hoặc ngày lịch)',
    run: acceptReport,
  }),
  route({
    name: 'reject',
    body: FeedbackReasonBody,
    summary: 'Không thụ lý (ngoài phạm vi), có lý do; người phản ánh được báo',
    run: rejectReport,
  }),
  route({
    name: 'assign',
    body: AssignFeedbackBody,
    summary:
      'Giao xử lý: accountId (bỏ trống: người phụ trách lĩnh vực theo thông báo phân công; null: chỉ giao bộ phận), body',
    run: assignReport,
  }),
  route({
    name: 'answer',
    body: AnswerFeedbackBody,
    summary:
      'Trả lời (gửi người phản ánh và người có phản ánh được gộp; công khai bản che thông tin cá nhân trừ khi riêng tư); chuyên viên ở lĩnh vực cần duyệt: trình duyệt',
    run: (ctx, caller, id, b) => answerReport(ctx, caller, id, b),
  }),
  route({
    name: 'submit_answer',
    body: AnswerFeedbackBody,
    summary: 'Trình lãnh đạo duyệt dự thảo trả lời (lĩnh vực cần duyệt)',
    run: (ctx, caller, id, b) => answerReport(ctx, caller, id, b, {}, 'submit_answer'),
  }),
  route({
    name: 'approve',
    body: ApproveFeedbackBody,
    summary: 'Lãnh đạo duyệt dự thảo trả lời: gửi và công khai',
    run: approveAnswer,
  }),
  route({
    name: 'return_answer',
    body: FeedbackReasonBody,
    summary: 'Lãnh đạo trả lại dự thảo trả lời, có lý do',
    run: returnAnswer,
  }),
  route({
    name: 'edit_public',
    body: EditPublicFeedbackBody,
    summary: 'Sửa bản trả lời công khai',
    run: editPublicAnswer,
  }),
  route({
    name: 'close',
    body: CloseFeedbackBody,
    summary: 'Kết thúc phản ánh đã trả lời (phản ánh con cuối cùng kết thúc thì phản ánh cha kết thúc)',
    run: closeReport,
  }),
  route({
    name: 'split',
    body: SplitFeedbackBody,
    summary: 'Tách thành các phản ánh con (mã <mã cha>-1, -2 …), mỗi phản ánh một lĩnh vực, bộ phận',
    run: splitReport,
  }),
  route({
    name: 'merge',
    body: MergeFeedbackBody,
    summary: 'Gộp phản ánh trùng vào phản ánh intoId cùng xã; trả lời đến cả người phản ánh này',
    run: mergeReport,
  }),
  route({
    name: 'forward',
    body: ForwardFeedbackBody,
    summary: 'Chuyển phản ánh sang xã khác (cùng lịch sử, mã theo dõi), có lý do',
    run: forwardReport,
  }),
  route({
    name: 'escalate',
    body: FeedbackReasonBody,
    summary: 'Chuyển phản ánh lên tỉnh, có lý do',
    run: escalateReport,
  }),
  route({
    name: 'return_from_province',
    body: FeedbackReasonBody,
    summary: 'Tỉnh trả phản ánh về xã, có lý do',
    run: returnFromProvince,
  }),
];

/**
 * Answers are published and every text is shown to the staff: HTML markup in any string of the body is refused
 * with a 400 naming the field (stored text is never rendered as HTML either; this keeps it out of the record).
 */
function refuseHtml(value: unknown, path: string) {
  if (typeof value === 'string') {
    const problem = checkNoHtml(path, value);
    if (problem) throw fieldError(problem.field, problem.vi, problem.en);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) refuseHtml(v, `${path}.${i}`);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) refuseHtml(v, `${path}.${k}`);
}

export function registerHandlingRoutes(app: FastifyInstance, deps: FeedbackDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['feedback'];

  r.get(
    '/api/v1/feedback/:id',
    {
      config: read('feedback.read'),
      schema: {
        tags,
        summary: 'Phản ánh (cán bộ): nội dung, người phản ánh, hạn, trả lời, phản ánh gộp, con, tệp, lịch sử',
        params: Id,
        response: { 200: FeedbackDetail },
      },
    },
    async (req) => getFeedbackDetail(db, req.params.id),
  );

  r.get(
    '/api/v1/feedback/:id/assignees',
    {
      config: read('feedback.handle'),
      schema: {
        tags,
        summary:
          'Người có thể được giao xử lý (cán bộ của xã có quyền xử lý phản ánh) và người phụ trách lĩnh vực theo thông báo phân công',
        params: Id,
        response: { 200: FeedbackAssignees },
      },
    },
    async (req) => {
      const report = await findReport(db, req.params.id);
      if (!report) throw new AppError('not_found');
      return assigneesOf(db, report);
    },
  );

  for (const a of ACTIONS) {
    r.post(
      `/api/v1/feedback/:id/actions/${a.name}`,
      {
        config: read('feedback.read'),
        schema: { tags, summary: a.summary, params: Id, body: a.body, response: { 200: FeedbackDetail } },
      },
      async (req) => {
        const p = requirePrincipal(req);
        refuseHtml(req.body, 'body');
        await a.run(writeContext(req, db), p, req.params.id, req.body as never);
        return getFeedbackDetail(db, req.params.id);
      },
    );
  }
}
