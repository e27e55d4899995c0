import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CommuneCodeParam,
  CommuneDetail,
  CommuneSummary,
  FormerUnitDetail,
  FormerUnitSummary,
  Province,
  ProvinceCodeParam,
  ResolveResponse,
} from '../../../common/api/units';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import { publicRateLimit } from '../../http/rate-limit';
import { resolveAddress } from './resolver';
import * as units from './service';

const FormerUnitCodeParam = z.string().regex(/^(\d{5}|~[0-9a-f]{8})$/, { message: 'former_unit_code' });

export function registerUnitsRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['units'];

  r.get(
    '/api/v1/provinces',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách 34 tỉnh, thành phố (provinces)',
        response: { 200: z.object({ items: z.array(Province) }) },
      },
    },
    async () => ({ items: await units.listProvinces(db) }),
  );

  r.get(
    '/api/v1/provinces/:code/communes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Các xã, phường, đặc khu của một tỉnh (communes of a province)',
        params: z.object({ code: ProvinceCodeParam }),
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: {
          200: z.object({ province: Province.omit({ communeCount: true }), items: z.array(CommuneSummary) }),
        },
      },
    },
    async (req) => {
      const province = await units.getProvince(db, req.params.code);
      // A province has at most a few hundred communes: one bounded page.
      const { items } = await units.searchCommunes(db, {
        provinceCode: req.params.code,
        q: req.query.q,
        limit: 1000,
      });
      return { province, items };
    },
  );

  r.get(
    '/api/v1/communes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tìm xã, phường theo tên, có dấu hoặc không dấu (search communes)',
        querystring: z.object({
          q: z.string().max(100).optional(),
          provinceCode: ProvinceCodeParam.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: CommuneCodeParam.optional(),
        }),
        response: { 200: z.object({ items: z.array(CommuneSummary), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) =>
      units.searchCommunes(db, {
        q: req.query.q,
        provinceCode: req.query.provinceCode,
        limit: req.query.limit,
        after: req.query.cursor,
      }),
  );

  r.get(
    '/api/v1/communes/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Một xã, phường với các đơn vị cũ hợp thành (commune with its former units)',
        params: z.object({ code: CommuneCodeParam }),
        response: { 200: CommuneDetail },
      },
    },
    async (req) => units.getCommune(db, req.params.code),
  );

  r.get(
    '/api/v1/former-units',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tìm đơn vị hành chính cũ (search former units)',
        querystring: z.object({
          q: z.string().min(1).max(100),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(FormerUnitSummary) }) },
      },
    },
    async (req) => ({ items: await units.searchFormerUnits(db, req.query.q, req.query.limit) }),
  );

  r.get(
    '/api/v1/former-units/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Đơn vị cũ đã về đâu (where a former unit went)',
        params: z.object({ code: FormerUnitCodeParam }),
        response: { 200: FormerUnitDetail },
      },
    },
    async (req) => units.getFormerUnit(db, req.params.code),
  );

  r.put(
    '/api/v1/former-units/:code/targets',
    {
      config: { access: { permission: 'map.manage' } },
      schema: {
        tags,
        summary:
          'Hiệu chỉnh nơi đơn vị cũ chuyển về (administrator correction; overrides package and resolution data)',
        params: z.object({ code: FormerUnitCodeParam }),
        body: z.object({
          targets: z
            .array(z.object({ communeCode: CommuneCodeParam, partial: z.boolean() }))
            .min(1)
            .max(10),
          note: z.string().trim().min(3).max(500),
        }),
        response: { 200: FormerUnitDetail },
      },
    },
    async (req) =>
      units.setFormerUnitTargets(writeContext(req, db), req.params.code, req.body.targets, req.body.note),
  );

  r.delete(
    '/api/v1/former-units/:code/targets',
    {
      config: { access: { permission: 'map.manage' } },
      schema: {
        tags,
        summary: 'Bỏ hiệu chỉnh (remove the correction)',
        params: z.object({ code: FormerUnitCodeParam }),
        response: { 200: FormerUnitDetail },
      },
    },
    async (req) => units.clearFormerUnitOverride(writeContext(req, db), req.params.code),
  );

  r.get(
    '/api/v1/address/resolve',
    {
      config: { ...publicRateLimit(deps.config.publicRateLimit), access: 'public' },
      schema: {
        tags,
        summary: 'Địa chỉ mới của tôi là gì? (resolve an old or new address)',
        querystring: z.object({
          q: z.string().max(300),
          limit: z.coerce.number().int().min(1).max(20).default(5),
        }),
        response: { 200: ResolveResponse },
      },
    },
    async (req) => {
      const index = await units.getResolverIndex(db);
      const result = resolveAddress(index, req.query.q, { limit: req.query.limit });
      return { query: req.query.q, ...result };
    },
  );
}
