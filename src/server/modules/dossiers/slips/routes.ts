/**
 * The slips of a dossier as PDF, each served only in the states it fits (409 naming the state otherwise), with
 * links and QR codes on the configured public address (XASO_PUBLIC_URL), never one taken from the request.
 */

import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SlipKind } from '../../../../common/api/dossiers';
import { IntakeRequest } from '../../../../common/api/dossiers';
import type { AppConfig } from '../../../config';
import type { Db } from '../../../db/database';
import { type Access, authorizeCommune, requirePrincipal } from '../../../http/auth';
import { AppError, fieldError, text } from '../../../http/errors';
import { accounts } from '../../auth/schema';
import { getCalendar } from '../../calendar/service';
import { getProcedureVersion } from '../../procedures/service';
import { getCommune } from '../../units/service';
import { dossierPartyRecord, receivedDossierRecord } from '../access';
import { localDate } from '../domain';
import { checkIntake } from '../intake';
import { getDossier, loadHistory, type PresentedDossier } from '../service';
import { accountNames, actorNameOf, handOvers, holderOf, lastApology, refusalOf, supplementOf } from './data';
import {
  missingDocumentLines,
  renderApologyPdf,
  renderControlPdf,
  renderReceiptPdf,
  renderRefusalPdf,
  renderSupplementPdf,
} from './render';
import { slipAllowed, slipConflictText } from './rules';

/** Path of the public status page of the web app (printed on slips and encoded in their QR codes). */
export const PUBLIC_STATUS_PATH = '/tra-cuu-ho-so';

/** The public status page of a dossier on the configured public address. */
export const statusUrlOf = (publicUrl: string, code: string) =>
  `${publicUrl}${PUBLIC_STATUS_PATH}?ma=${encodeURIComponent(code)}`;

const Id = z.object({ id: z.string().uuid() });
/** What the officer asks the applicant to complete, one line each (besides the documents the checklist lacks). */
const GuidanceQuery = z.object({
  items: z
    .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().trim().min(1).max(300)).max(20))
    .optional(),
});

const FILE_NAMES: Record<SlipKind, string> = {
  receipt: 'giay-tiep-nhan',
  refusal: 'phieu-tu-choi',
  supplement: 'phieu-yeu-cau-bo-sung',
  guidance: 'phieu-huong-dan',
  control: 'phieu-kiem-soat',
  apology: 'phieu-xin-loi',
};

const sendPdf = (reply: FastifyReply, pdf: Buffer, filename: string) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);

export function registerSlipRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  const tags = ['dossiers'];

  /** The dossier and its history when the slip fits its state; 409 naming the state otherwise. */
  const load = async (id: string, kind: SlipKind) => {
    const dossier = await getDossier(db, id);
    const history = await loadHistory(db, id);
    const status = dossier.status;
    if (
      !slipAllowed(
        kind,
        status,
        history.map((h) => h.action.type),
      )
    )
      throw new AppError('conflict', slipConflictText(kind, status));
    return { dossier, history };
  };

  const slip = (
    kind: SlipKind,
    access: { access: Access },
    summary: string,
    render: (d: PresentedDossier, history: Awaited<ReturnType<typeof loadHistory>>) => Promise<Buffer>,
  ) =>
    r.get(
      `/api/v1/dossiers/:id/slips/${kind}.pdf`,
      { config: access, schema: { tags, summary, params: Id } },
      async (req, reply) => {
        const { dossier, history } = await load(req.params.id, kind);
        return sendPdf(reply, await render(dossier, history), `${FILE_NAMES[kind]}-${dossier.code}.pdf`);
      },
    );

  slip(
    'receipt',
    receivedDossierRecord('dossier.read'),
    'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF, mẫu 01, mã QR tra cứu); 409 khi hồ sơ chưa được tiếp nhận — receipt and appointment slip',
    async (dossier, history) => {
      const procedure = await getProcedureVersion(db, dossier.procedure.id, dossier.procedure.version);
      return renderReceiptPdf({
        dossier,
        procedure: procedure.data,
        receivingCommune: await getCommune(db, dossier.receivingCommuneCode),
        receivedBy: await actorNameOf(db, history, 'receive'),
        statusUrl: statusUrlOf(config.publicUrl, dossier.code),
      });
    },
  );

  slip(
    'refusal',
    receivedDossierRecord('dossier.read'),
    'Phiếu từ chối tiếp nhận giải quyết hồ sơ (PDF, mẫu 03, Giám đốc Trung tâm ký); 409 khi hồ sơ không bị từ chối — refusal slip',
    async (dossier, history) => {
      const refusal = refusalOf(history);
      return renderRefusalPdf({
        dossier,
        receivingCommune: await getCommune(db, dossier.receivingCommuneCode),
        reason: refusal.reason,
        at: refusal.at,
        director: await holderOf(
          db,
          dossier.receivingCommuneCode,
          'ttpvhcc',
          'Giám đốc',
          localDate(refusal.at),
        ),
      });
    },
  );

  slip(
    'supplement',
    dossierPartyRecord('dossier.read'),
    'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF, mẫu 02) với các nội dung người xử lý yêu cầu; 409 khi không có yêu cầu bổ sung đang chờ — supplement request slip',
    async (dossier, history) => {
      const request = supplementOf(history);
      const procedure = await getProcedureVersion(db, dossier.procedure.id, dossier.procedure.version);
      return renderSupplementPdf({
        commune: await getCommune(db, dossier.receivingCommuneCode),
        applicant: dossier.applicant,
        procedureName: dossier.procedure.name,
        code: dossier.code,
        items: request.items.length ? request.items : [request.reason],
        reason: request.items.length ? request.reason : null,
        at: request.at,
        guide: request.actorId
          ? ((await accountNames(db, [request.actorId])).get(request.actorId) ?? null)
          : null,
        onlineUrl: statusUrlOf(config.publicUrl, dossier.code),
        timeLimit: procedure.data.timeLimit,
        rehearsal: dossier.rehearsal,
      });
    },
  );

  r.get(
    '/api/v1/dossiers/:id/slips/guidance.pdf',
    {
      config: receivedDossierRecord('dossier.read'),
      schema: {
        tags,
        summary:
          'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ nộp trực tuyến chưa tiếp nhận (PDF, mẫu 02): các nội dung cần hoàn thiện (items) hoặc các giấy tờ còn thiếu; 409 khi đã tiếp nhận — guidance slip',
        params: Id,
        querystring: GuidanceQuery,
      },
    },
    async (req, reply) => {
      const { dossier } = await load(req.params.id, 'guidance');
      const procedure = await getProcedureVersion(db, dossier.procedure.id, dossier.procedure.version);
      const listed = new Set(dossier.checklist.map((c) => c.index));
      const missing = procedure.data.requiredDocuments.flatMap((_, index) =>
        listed.has(index) ? [] : [{ index }],
      );
      const items = [...missingDocumentLines(procedure.data, missing), ...(req.query.items ?? [])];
      if (!items.length)
        throw fieldError(
          'query.items',
          'Hồ sơ đã đủ giấy tờ theo danh mục; nêu nội dung cần bổ sung, hoàn thiện.',
          'The dossier lists every document; say what must be completed.',
        );
      const pdf = await renderSupplementPdf({
        commune: await getCommune(db, dossier.receivingCommuneCode),
        applicant: dossier.applicant,
        procedureName: dossier.procedure.name,
        code: dossier.code,
        items,
        reason: null,
        at: new Date(),
        guide: await accountNames(db, [requirePrincipal(req).accountId]).then(
          (names) => names.get(requirePrincipal(req).accountId) ?? null,
        ),
        onlineUrl: statusUrlOf(config.publicUrl, dossier.code),
        timeLimit: procedure.data.timeLimit,
        rehearsal: dossier.rehearsal,
      });
      return sendPdf(reply, pdf, `${FILE_NAMES.guidance}-${dossier.code}.pdf`);
    },
  );

  slip(
    'control',
    dossierPartyRecord('dossier.read'),
    'Phiếu kiểm soát quá trình giải quyết hồ sơ (PDF, mẫu 06): bảng giao nhận — bên giao, bên nhận, thời gian, trước hạn/đúng hạn/quá hạn',
    async (dossier, history) =>
      renderControlPdf({
        dossier,
        commune: await getCommune(db, dossier.communeCode),
        handOvers: await handOvers(db, history, dossier.applicant.fullName, await getCalendar(db)),
        now: new Date(),
      }),
  );

  slip(
    'apology',
    dossierPartyRecord('dossier.read'),
    'Phiếu xin lỗi và hẹn lại ngày trả kết quả (PDF, mẫu 04, TM. UBND / Chủ tịch ký); 409 khi chưa ghi nhận xin lỗi — apology slip',
    async (dossier, history) => {
      const apology = lastApology(history, await getCalendar(db));
      return renderApologyPdf({
        dossier,
        commune: await getCommune(db, dossier.communeCode),
        receivingCommune: await getCommune(db, dossier.receivingCommuneCode),
        ...apology,
        chair: await holderOf(db, dossier.communeCode, 'ubnd', 'Chủ tịch UBND', localDate(apology.at)),
      });
    },
  );

  r.post(
    '/api/v1/dossiers/guidance-slip.pdf',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ tại quầy (PDF, mẫu 02) cho hồ sơ chưa đủ: liệt kê đúng các giấy tờ còn thiếu; không tạo hồ sơ',
        body: IntakeRequest,
      },
    },
    async (req, reply) => {
      await authorizeCommune(req, db, req.body.receivingCommuneCode, 'dossier.intake');
      const { procedure, missing } = await checkIntake(db, req.body);
      if (!missing.length) throw completeDossier();
      const principal = requirePrincipal(req);
      const [me] = await db
        .select({ name: accounts.displayName })
        .from(accounts)
        .where(eq(accounts.id, principal.accountId));
      const pdf = await renderSupplementPdf({
        commune: await getCommune(db, req.body.receivingCommuneCode),
        applicant: req.body.applicant,
        procedureName: procedure.data.name,
        code: null,
        items: missingDocumentLines(procedure.data, missing),
        reason: null,
        at: new Date(),
        guide: me?.name ?? null,
        onlineUrl: null,
        timeLimit: procedure.data.timeLimit,
        rehearsal: req.body.rehearsal === true,
      });
      return sendPdf(reply, pdf, 'phieu-huong-dan-bo-sung.pdf');
    },
  );
}

const completeDossier = () =>
  new AppError(
    'conflict',
    text(
      'Hồ sơ đã đủ giấy tờ theo danh mục; không cần phiếu hướng dẫn bổ sung.',
      'The dossier is complete; no guidance slip is needed.',
    ),
  );
