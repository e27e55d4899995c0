/**
 * Open311 GeoReport v2 under /open311/v2 (specification: open311/open311.github.io, GeoReport_v2/index.md; frozen).
 * Every method answers in XML (`.xml`, text/xml, required by the specification) and in JSON (`.json`,
 * application/json); UTF-8 everywhere; date-times in w3 format with a timezone (here +07:00).
 *
 * What the specification requires of each method, and what XãSố does:
 * - jurisdiction_id: "only required if the endpoint serves multiple jurisdictions" — XãSố serves every commune
 *   using it, so it is REQUIRED on every method and is the commune code (18100). Missing → 400; unknown, or a
 *   commune not using XãSố → 404.
 * - GET services.{fmt} (no API key): the service list = the active feedback categories of the commune's province:
 *   service_code = the category key, service_name, description, metadata, type, keywords, group. Errors 400/404
 *   as above. Here metadata=false (no extra fields), type=realtime (the id comes back at once), group = the kind
 *   (feedback, denunciation, complaint), keywords = names in both languages, key and kind words.
 * - GET services/{service_code}.{fmt} (no API key; "only necessary if metadata is true"): the service definition
 *   <service_definition><service_code/><attributes>…</attributes>: here always an empty attribute list. 404 when
 *   the service_code is not one of the province's (active) categories.
 * - POST requests.{fmt} (API key required; application/x-www-form-urlencoded as the specification sends it, JSON also
 *   accepted): required jurisdiction_id, service_code, a location — lat & long (both) or address_string (or
 *   address_id, which XãSố does not support: 400 naming it); optional email, device_id, account_id, first_name,
 *   last_name, phone, description ("not html or code", at most 4,000 characters), media_url, attribute[…].
 *   Answer: <service_requests><request><service_request_id/><service_notice/><account_id/></request> (a list of
 *   one), status 201. Errors: 403 missing or invalid api_key, 404 service_code or jurisdiction_id not found,
 *   400 not provided or invalid. XãSố's rules:
 *   · api_key = an existing XãSố API token (POST /api/v1/auth/tokens; verified like a bearer token: not revoked,
 *     not expired, active owner) whose owner holds feedback.receive in the commune and which carries that
 *     permission (and that commune, when it names one); else 403.
 *   · description is required (a report without one cannot be handled); the title is its first line, shortened.
 *   · first_name + last_name make the reporter's name in Vietnamese order (last_name, the family name, first);
 *     phone (Vietnamese number) and email let the commune answer privately; they are never shown by GET.
 *   · the report is created by the one intake use case (feedback/reports.ts createReport, channel 'open311', the
 *     token's owner as the actor, audited in the commune's chain): state received, service_request_id = its
 *     tracking code (PA-18100-261203-0001). A reporter without phone and e-mail gets the 6-digit PIN in the
 *     service_notice (shown once), with the code their only way to follow it on the tracking page.
 *   · media_url (an http(s) address, not fetched) is kept as a last line `media_url: …` of the content and shown as
 *     the request's media_url; device_id, account_id and attribute[…] are ignored (account_id comes back null).
 * - GET requests.{fmt} (no API key): optional service_request_id (comma list; "overrides all other arguments"),
 *   service_code (comma list), start_date / end_date (w3; "defaults to most recent 90 days", "may not span more
 *   than 90 days": 400 beyond), status (open, closed; comma list). At most 1000 requests, newest first. Fields:
 *   service_request_id, status, status_notes, service_name, service_code, description, agency_responsible,
 *   service_notice, requested_datetime, updated_datetime, expected_datetime, address, lat, long, media_url
 *   (address_id and zipcode: XãSố has none). Only what the public may see (mapping.ts): never the reporter's name,
 *   phone or e-mail; description, address, lat/long and media_url only once the report is published (as on the
 *   public pages), with personal data masked; status_notes = the published answer (else the state in words);
 *   private reports, denunciations and complaints never show content.
 *   status: open = received, accepted, assigned, answer pending, reopened, split, escalated; closed = answered,
 *   closed, rejected, merged. expected_datetime = the answer's due date (end of that day).
 * - GET requests/{service_request_id}.{fmt} (no API key): the same object, in a list of one; 404 when the code is
 *   not a report of the jurisdiction. By id (here and with service_request_id), a report received by the commune is
 *   still found there after it was forwarded to another commune (its code names the commune that received it).
 * - Service Discovery (Service_Discovery.md: "required for Open311 GeoReport v2", a URL ending in
 *   /discovery.<format>, XML and JSON): GET /open311/v2/discovery.{fmt} → changeset (last change of any category),
 *   contact, key_service, endpoints[{specification, url, changeset, type=production, formats}].
 * - Errors: <errors><error><code/><description/></error></errors> or [{code, description}], one entry per
 *   problem (all the missing fields at once); HTTP 404 for what does not exist, 403 for a missing or invalid
 *   api_key, 400 for anything else (also a general failure, logged); the body's code is the HTTP status.
 *   Unknown paths and formats under /open311/v2 → 404 in that format.
 *
 * Outside /api/v1, so not in the access table and not seen by the session/bearer authentication hook: each route
 * declares `access: 'public'` and is rate-limited per client address like the public endpoints
 * (XASO_PUBLIC_RATE_LIMIT); POST authenticates its api_key itself. CORS open (no cookie is read here).
 */

import { eq, sql } from 'drizzle-orm';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPEN311_FORMATS, type Open311Created, type Open311Format } from '../../../../common/api/open311';
import { AppError, type Lang, titleOf } from '../../../http/errors';
import { requestLang } from '../../../http/lang';
import { publicRateLimit } from '../../../http/rate-limit';
import { canWithRestriction } from '../../auth/permissions';
import { findPrincipalByApiToken, type Principal } from '../../auth/service';
import { createFileStorage, type FileStorage } from '../../dossiers/storage';
import { orgCommunes } from '../../org/schema';
import { communes } from '../../units/schema';
import { categoriesOfProvince } from '../categories';
import type { FeedbackDeps } from '../index';
import { createReport } from '../reports';
import { feedbackCategories } from '../schema';
import { formatOfPath, Open311Failure, sendErrors, sendList, sendObject, splitFormat } from './format';
import { arg, missingText, parsePostRequest, parseRequestsQuery } from './input';
import { contentWithMedia, open311Request, open311Service, serviceNotice, w3DateTime } from './mapping';
import { findRequests } from './queries';

export const OPEN311_PREFIX = '/open311/v2';
/** The discovery changeset before any category exists (this implementation's first day). */
const DISCOVERY_SINCE = '2026-12-03T00:00:00+07:00';
/** A POST body: description ≤ 4,000 characters and a few short fields (form-encoded Vietnamese grows ×9). */
const BODY_LIMIT = 64 * 1024;

const tr = (lang: Lang, vi: string, en: string) => (lang === 'en' ? en : vi);
/** An echoed client value, short and on one line. */
const echo = (s: string) => s.replace(/\s+/g, ' ').slice(0, 60);

/** XãSố's field names (from the intake use case) → the specification's. */
const SPEC_FIELDS: Record<string, string> = {
  'body.title': 'description',
  'body.content': 'description',
  'body.placeText': 'address_string',
  'body.latitude': 'lat',
  'body.longitude': 'long',
  'body.reporterPhone': 'phone',
  'body.reporterEmail': 'email',
  'body.reporterName': 'first_name, last_name',
  'body.categoryId': 'service_code',
  'body.communeCode': 'jurisdiction_id',
  'body.files': 'media_url',
};
const specField = (field: string) => SPEC_FIELDS[field] ?? field.replace(/^(body|query|path)\./, '');

/**
 * The arguments as the OpenAPI document lists them: all optional to the schema (a value, or a list when repeated),
 * so that what is missing or wrong is told by the handlers in the specification's words and format.
 */
const Value = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])
  .optional();
const argsSchema = (fields: Record<string, string>) =>
  z
    .object(
      Object.fromEntries(
        Object.entries(fields).map(([name, description]) => [name, Value.describe(description)]),
      ),
    )
    .passthrough();
const JURISDICTION = { jurisdiction_id: 'Mã xã/phường (bắt buộc) — the commune code, required: 18100' };
const ServicesQuery = argsSchema(JURISDICTION);
const RequestsQuery = argsSchema({
  ...JURISDICTION,
  service_request_id: 'Mã phản ánh, phân cách bằng dấu phẩy (tracking codes, comma list; overrides the rest)',
  service_code: 'Lĩnh vực, phân cách bằng dấu phẩy (service codes, comma list)',
  start_date: 'Từ (w3 date-time with timezone; default: 90 days before end_date or now)',
  end_date: 'Đến (w3 date-time with timezone; at most 90 days after start_date)',
  status: 'open, closed (comma list)',
});
const PostBody = argsSchema({
  api_key: 'Mã truy cập API của XãSố có quyền feedback.receive tại xã (required)',
  ...JURISDICTION,
  service_code: 'Lĩnh vực (required)',
  lat: 'Vĩ độ WGS84 (with long, or address_string)',
  long: 'Kinh độ WGS84 (with lat, or address_string)',
  address_string: 'Địa điểm (required without lat & long)',
  description: 'Nội dung, tối đa 4000 ký tự, không chứa HTML (required here)',
  email: 'Thư điện tử người phản ánh',
  phone: 'Số điện thoại người phản ánh',
  first_name: 'Tên',
  last_name: 'Họ và tên đệm',
  media_url: 'Địa chỉ http(s) của ảnh',
  device_id: 'ignored',
  account_id: 'ignored',
});
const RefParam = z.object({ ref: z.string().describe('<id>.json or <id>.xml') });

function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** A title for the staff queue: the description's first line, shortened at a word. */
export function titleOf311(description: string): string {
  const line =
    description
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? description.trim();
  if (line.length <= 120) return line;
  const cut = line.slice(0, 120);
  const space = cut.lastIndexOf(' ');
  return `${(space > 60 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function registerOpen311Routes(app: FastifyInstance, deps: FeedbackDeps) {
  const { db, config } = deps;
  let storage: Promise<FileStorage> | null = null;
  const storageOf = () => {
    storage ??= createFileStorage(config, db);
    return storage;
  };

  /** The commune of jurisdiction_id: 400 when missing, 404 when unknown or not using XãSố. */
  async function jurisdiction(args: Record<string, unknown>, lang: Lang) {
    const id = arg(args, 'jurisdiction_id');
    if (!id) throw new Open311Failure(400, [missingText(lang, 'jurisdiction_id')]);
    const [row] = /^\d{5}$/.test(id)
      ? await db
          .select({ code: communes.code, name: communes.name, provinceCode: communes.provinceCode })
          .from(communes)
          .innerJoin(orgCommunes, eq(orgCommunes.communeCode, communes.code))
          .where(eq(communes.code, id))
      : [];
    if (!row)
      throw new Open311Failure(404, [
        tr(
          lang,
          `jurisdiction_id: không có xã/phường "${echo(id)}" sử dụng XãSố (mã xã/phường 5 chữ số).`,
          `jurisdiction_id: "${echo(id)}" not found (the 5-digit code of a commune using XãSố).`,
        ),
      ]);
    return row;
  }

  /** The api_key's principal allowed to receive feedback in the commune; 403 otherwise. */
  async function receiver(
    args: Record<string, unknown>,
    lang: Lang,
  ): Promise<(where: { communeCode: string; provinceCode: string }) => Principal> {
    const key = arg(args, 'api_key');
    if (!key)
      throw new Open311Failure(403, [
        tr(lang, 'api_key: bắt buộc, chưa được gửi.', 'api_key: missing -- cannot create the request.'),
      ]);
    const principal = key.length <= 200 ? await findPrincipalByApiToken(db, key) : null;
    if (!principal)
      throw new Open311Failure(403, [
        tr(
          lang,
          'api_key: không hợp lệ, đã thu hồi hoặc hết hạn.',
          "Invalid api_key received -- can't proceed with create_request.",
        ),
      ]);
    return (where) => {
      if (!canWithRestriction(principal.grants, principal.restriction, 'feedback.receive', where))
        throw new Open311Failure(403, [
          tr(
            lang,
            `api_key: không có quyền tiếp nhận phản ánh của xã/phường ${where.communeCode}.`,
            `api_key: may not create requests in jurisdiction ${where.communeCode}.`,
          ),
        ]);
      return principal;
    };
  }

  app.register(
    async (scope) => {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: BODY_LIMIT },
        (_req, body, done) => done(null, parseForm(body as string)),
      );

      scope.setErrorHandler((err: FastifyError | AppError | Open311Failure, req, reply) => {
        const format = formatOfPath(req.url);
        const lang = requestLang(req);
        if (err instanceof Open311Failure) return sendErrors(reply, format, err.status, err.errors);
        let status: number;
        let descriptions: string[];
        if (hasZodFastifySchemaValidationErrors(err)) {
          status = 400;
          const items = err.validation as unknown as { instancePath: string }[];
          descriptions = items.map(
            (item) =>
              `${item.instancePath.split('/').filter(Boolean)[0] ?? tr(lang, 'nội dung', 'body')}: ${tr(lang, 'giá trị không hợp lệ.', 'invalid value.')}`,
          );
        } else if (err instanceof AppError) {
          status = err.status;
          descriptions = err.errors?.length
            ? err.errors.map(
                (e) =>
                  `${specField(e.field)}: ${typeof e.message === 'string' ? e.message : e.message[lang]}`,
              )
            : [err.detail?.[lang] ?? titleOf(err.code, lang)];
        } else {
          status = typeof err.statusCode === 'number' ? err.statusCode : 500;
          descriptions = [
            status === 413
              ? titleOf('payload_too_large', lang)
              : status === 415
                ? tr(
                    lang,
                    'Kiểu nội dung không được hỗ trợ (application/x-www-form-urlencoded hoặc application/json).',
                    'Unsupported content type (application/x-www-form-urlencoded or application/json).',
                  )
                : status < 500
                  ? tr(lang, 'Yêu cầu không đúng định dạng.', 'Malformed request.')
                  : tr(
                      lang,
                      'Lỗi chung của dịch vụ; hãy báo cho chúng tôi.',
                      'General service error; please notify us.',
                    ),
          ];
        }
        if (status >= 500) req.log.error({ err }, 'open311 failure');
        // The specification: 404 missing resource, 403 api_key, 400 for anything else (a general failure too).
        const http = status === 404 || status === 403 || status === 429 ? status : 400;
        return sendErrors(
          reply,
          format,
          http,
          descriptions.map((description) => ({ code: status, description })),
        );
      });

      scope.setNotFoundHandler((req, reply) =>
        sendErrors(reply, formatOfPath(req.url), 404, [
          {
            code: 404,
            description: tr(
              requestLang(req),
              `Không có tài nguyên ${req.method} ${req.url.split('?')[0]?.slice(0, 120)} (định dạng .json hoặc .xml).`,
              `No resource ${req.method} ${req.url.split('?')[0]?.slice(0, 120)} (format .json or .xml).`,
            ),
          },
        ]),
      );

      // Refused in the specification's error format: an Open311 client parses no other.
      const config311 = {
        ...publicRateLimit(config.publicRateLimit, (reply, detail) =>
          sendErrors(reply, formatOfPath(reply.request.url), 429, [{ code: 429, description: detail }]),
        ),
        access: 'public' as const,
      };
      const schema = (summary: string, parts: Record<string, z.ZodType> = {}) => ({
        tags: ['open311'],
        summary,
        ...parts,
      });
      const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

      async function services(req: FastifyRequest, reply: FastifyReply, format: Open311Format) {
        const lang = requestLang(req);
        const j = await jurisdiction(query(req), lang);
        const categories = await categoriesOfProvince(db, j.provinceCode, { activeOnly: true });
        return sendList(
          reply,
          format,
          'services',
          'service',
          categories.map((c) => open311Service(c, lang)),
        );
      }

      async function requests(req: FastifyRequest, reply: FastifyReply, format: Open311Format) {
        const lang = requestLang(req);
        const args = query(req);
        const j = await jurisdiction(args, lang);
        const parsed = parseRequestsQuery(args, lang, new Date());
        if (!parsed.ok) throw new Open311Failure(400, parsed.errors);
        const rows = await findRequests(db, j.code, parsed.value, config.publicUrl);
        return sendList(
          reply,
          format,
          'service_requests',
          'request',
          rows.map((r) => open311Request(r, lang)),
        );
      }

      async function post(req: FastifyRequest, reply: FastifyReply, format: Open311Format) {
        const lang = requestLang(req);
        const body = req.body;
        if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body)))
          throw new Open311Failure(400, [
            tr(lang, 'Nội dung gửi lên phải là các trường của biểu mẫu.', 'The body must be form fields.'),
          ]);
        const args = { ...query(req), ...((body ?? {}) as Record<string, unknown>) };
        const allowedIn = await receiver(args, lang);
        const j = await jurisdiction(args, lang);
        const principal = allowedIn({ communeCode: j.code, provinceCode: j.provinceCode });
        const parsed = parsePostRequest(args, lang);
        if (!parsed.ok) throw new Open311Failure(400, parsed.errors);
        const input = parsed.value;
        const category = (await categoriesOfProvince(db, j.provinceCode, { activeOnly: true })).find(
          (c) => c.key === input.serviceCode,
        );
        if (!category)
          throw new Open311Failure(404, [
            tr(
              lang,
              `service_code: "${echo(input.serviceCode)}" không có trong danh mục của ${j.name}.`,
              `service_code: "${echo(input.serviceCode)}" not found in jurisdiction ${j.code}.`,
            ),
          ]);
        // Vietnamese order: family name (last_name) first — "Nguyễn Văn" + "Bình" = Nguyễn Văn Bình.
        const reporterName = [input.lastName, input.firstName].filter(Boolean).join(' ') || null;
        const created = await createReport(
          {
            db,
            actor: {
              accountId: principal.accountId,
              name: principal.username,
              role: principal.grants.map((g) => g.role).join(',') || null,
            },
            meta: { requestId: String(req.id), clientAddress: req.ip },
          },
          {
            communeCode: j.code,
            categoryId: category.id,
            title: titleOf311(input.description),
            content: contentWithMedia(input.description, input.mediaUrl),
            placeText: input.addressString,
            latitude: input.lat,
            longitude: input.long,
            reporterName,
            reporterPhone: input.phone,
            reporterEmail: input.email,
            isPrivate: false,
            locale: lang,
          },
          [],
          { channel: 'open311', storage: await storageOf(), communeCode: j.code },
        );
        const notice = serviceNotice(category, lang);
        const answer: Open311Created = {
          service_request_id: created.code,
          service_notice: created.pin
            ? tr(
                lang,
                `Mã PIN tra cứu: ${created.pin} (chỉ hiển thị một lần; dùng cùng mã ${created.code} trên trang theo dõi phản ánh). ${notice}`,
                `Tracking PIN: ${created.pin} (shown once; use it with ${created.code} on the tracking page). ${notice}`,
              )
            : notice,
          account_id: null,
        };
        return sendList(reply, format, 'service_requests', 'request', [answer], 201);
      }

      async function oneRequest(req: FastifyRequest, reply: FastifyReply, ref: string) {
        const lang = requestLang(req);
        const split = splitFormat(ref);
        if (!split) return reply.callNotFound();
        const j = await jurisdiction(query(req), lang);
        const code = split.id.trim().toUpperCase();
        const [row] =
          code.length <= 80
            ? await findRequests(db, j.code, { ids: [code], limit: 1 }, config.publicUrl)
            : [];
        if (!row)
          throw new Open311Failure(404, [
            tr(
              lang,
              `service_request_id: không có phản ánh "${echo(split.id)}" của xã/phường ${j.code}.`,
              `service_request_id: "${echo(split.id)}" not found in jurisdiction ${j.code}.`,
            ),
          ]);
        return sendList(reply, split.format, 'service_requests', 'request', [open311Request(row, lang)]);
      }

      async function definition(req: FastifyRequest, reply: FastifyReply, ref: string) {
        const lang = requestLang(req);
        const split = splitFormat(ref);
        if (!split) return reply.callNotFound();
        const j = await jurisdiction(query(req), lang);
        const categories = await categoriesOfProvince(db, j.provinceCode, { activeOnly: true });
        const category = categories.find((c) => c.key === split.id);
        if (!category)
          throw new Open311Failure(404, [
            tr(
              lang,
              `service_code: "${echo(split.id)}" không có trong danh mục của ${j.name}.`,
              `service_code: "${echo(split.id)}" not found in jurisdiction ${j.code}.`,
            ),
          ]);
        return sendObject(reply, split.format, 'service_definition', {
          service_code: category.key,
          attributes: [],
        });
      }

      async function discovery(req: FastifyRequest, reply: FastifyReply, format: Open311Format) {
        const lang = requestLang(req);
        const [last] = await db
          .select({ at: sql<Date | string | null>`max(${feedbackCategories.updatedAt})` })
          .from(feedbackCategories);
        const changeset = last?.at ? w3DateTime(new Date(last.at)) : DISCOVERY_SINCE;
        return sendObject(reply, format, 'discovery', {
          changeset,
          contact: tr(
            lang,
            `Hỏi UBND xã/phường nơi có sự việc hoặc quản trị XãSố của tỉnh: ${config.publicUrl}`,
            `Ask the People's Committee of the commune concerned or the province's XãSố administrator: ${config.publicUrl}`,
          ),
          key_service: tr(
            lang,
            'api_key là một mã truy cập API của XãSố (POST /api/v1/auth/tokens) do cán bộ tiếp nhận của xã/phường tạo với quyền feedback.receive cho xã/phường đó; không cần khóa để đọc.',
            "api_key is a XãSố API token (POST /api/v1/auth/tokens) made by a commune's receiving official with the feedback.receive permission for that commune; reading needs no key.",
          ),
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${config.publicUrl}${OPEN311_PREFIX}`,
              changeset,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        });
      }

      for (const format of OPEN311_FORMATS) {
        scope.get(
          `/discovery.${format}`,
          { config: config311, schema: schema(`Open311: khám phá dịch vụ (service discovery, ${format})`) },
          (req, reply) => discovery(req, reply, format),
        );
        scope.get(
          `/services.${format}`,
          {
            config: config311,
            schema: schema(`Open311: danh sách dịch vụ (service list, ${format})`, {
              querystring: ServicesQuery,
            }),
          },
          (req, reply) => services(req, reply, format),
        );
        scope.get(
          `/requests.${format}`,
          {
            config: config311,
            schema: schema(`Open311: tra cứu phản ánh (GET service requests, ${format})`, {
              querystring: RequestsQuery,
            }),
          },
          (req, reply) => requests(req, reply, format),
        );
        scope.post(
          `/requests.${format}`,
          {
            config: config311,
            bodyLimit: BODY_LIMIT,
            schema: schema(`Open311: gửi phản ánh (POST service request, api_key; ${format})`, {
              body: PostBody,
            }),
          },
          (req, reply) => post(req, reply, format),
        );
      }
      scope.get(
        '/services/:ref',
        {
          config: config311,
          schema: schema('Open311: định nghĩa dịch vụ (service definition, .json|.xml)', {
            params: RefParam,
            querystring: ServicesQuery,
          }),
        },
        (req, reply) => definition(req, reply, (req.params as { ref: string }).ref),
      );
      scope.get(
        '/requests/:ref',
        {
          config: config311,
          schema: schema('Open311: một phản ánh (GET service request, .json|.xml)', {
            params: RefParam,
            querystring: ServicesQuery,
          }),
        },
        (req, reply) => oneRequest(req, reply, (req.params as { ref: string }).ref),
      );
    },
    { prefix: OPEN311_PREFIX },
  );
}
