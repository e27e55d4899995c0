import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Account, Grant, LoginBlock } from '../../../common/api/auth';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import * as accounts from './accounts';
import { liftLoginBlocks, listLoginBlocks } from './login-throttle-service';

const Id = z.object({ id: z.string().uuid() });
const GrantInput = Grant.extend({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, { message: 'province_code' })
    .nullable()
    .default(null),
  communeCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'commune_code' })
    .nullable()
    .default(null),
});

/** Account administration (quản trị tài khoản): system administrators only. */
export function registerAccountRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const base = { config: { access: { permission: 'accounts.manage' } as const } };
  const tags = ['accounts'];

  r.get(
    '/api/v1/accounts',
    {
      ...base,
      schema: {
        tags,
        summary: 'Danh sách tài khoản (accounts)',
        querystring: z.object({
          q: z.string().max(100).optional(),
          cursor: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(Account), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) =>
      accounts.listAccounts(db, { q: req.query.q, limit: req.query.limit, after: req.query.cursor }),
  );
  r.post(
    '/api/v1/accounts',
    {
      ...base,
      schema: {
        tags,
        summary: 'Tạo tài khoản; người dùng phải đổi mật khẩu khi đăng nhập lần đầu (create an account)',
        body: z.object({
          username: z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9._-]{3,50}$/, { message: 'username' }),
          displayName: z.string().trim().min(2).max(200),
          password: z.string().min(1).max(200),
          grants: z.array(GrantInput).max(20).default([]),
        }),
        response: { 201: Account },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await accounts.createAccountByAdmin(writeContext(req, db), req.body)),
  );
  r.get(
    '/api/v1/accounts/:id',
    { ...base, schema: { tags, summary: 'Một tài khoản', params: Id, response: { 200: Account } } },
    async (req) => accounts.getAccount(db, req.params.id),
  );
  r.patch(
    '/api/v1/accounts/:id',
    {
      ...base,
      schema: {
        tags,
        summary: 'Khóa / mở tài khoản (disable or enable)',
        params: Id,
        body: z.object({ status: z.enum(['active', 'disabled']) }),
        response: { 200: Account },
      },
    },
    async (req) => accounts.setAccountStatus(writeContext(req, db), req.params.id, req.body.status),
  );
  r.post(
    '/api/v1/accounts/:id/grants',
    {
      ...base,
      schema: {
        tags,
        summary: 'Giao vai trò tại một xã/tỉnh (grant a role)',
        params: Id,
        body: GrantInput,
        response: { 200: Account },
      },
    },
    async (req) => accounts.addGrant(writeContext(req, db), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/accounts/:id/grants/:grantId',
    {
      ...base,
      schema: {
        tags,
        summary: 'Thu hồi vai trò (revoke a role)',
        params: Id.extend({ grantId: z.string().uuid() }),
        response: { 200: Account },
      },
    },
    async (req) => accounts.removeGrant(writeContext(req, db), req.params.id, req.params.grantId),
  );
  r.put(
    '/api/v1/accounts/:id/official',
    {
      ...base,
      schema: {
        tags,
        summary:
          'Gắn tài khoản với cán bộ trong sơ đồ tổ chức của xã nơi tài khoản có vai trò; null để bỏ (link to an official)',
        params: Id,
        body: z.object({ officialId: z.string().uuid().nullable() }),
        response: { 200: Account },
      },
    },
    async (req) => accounts.linkOfficial(writeContext(req, db), req.params.id, req.body.officialId),
  );
  r.post(
    '/api/v1/accounts/:id/reset-password',
    {
      ...base,
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu (must change at next login)',
        params: Id,
        body: z.object({ password: z.string().min(1).max(200) }),
        response: { 200: Account },
      },
    },
    async (req) => accounts.resetPassword(writeContext(req, db), req.params.id, req.body.password),
  );

  r.get(
    '/api/v1/login-blocks',
    {
      ...base,
      schema: {
        tags,
        summary: 'Các lượt đăng nhập đang phải chờ do nhập sai nhiều lần (login blocks in force)',
        response: { 200: z.object({ items: z.array(LoginBlock) }) },
      },
    },
    async () => ({ items: await listLoginBlocks(db) }),
  );
  r.delete(
    '/api/v1/login-blocks',
    {
      ...base,
      schema: {
        tags,
        summary: 'Gỡ chặn đăng nhập của một tên đăng nhập và/hoặc một địa chỉ (lift login blocks)',
        querystring: z.object({
          username: z.string().trim().min(1).max(100).optional(),
          clientAddress: z.string().trim().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ removed: z.number().int() }) },
      },
    },
    async (req) => ({ removed: await liftLoginBlocks(writeContext(req, db), req.query) }),
  );
}
