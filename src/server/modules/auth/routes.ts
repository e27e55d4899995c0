import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Me } from '../../../common/api/auth';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { requirePrincipal, writeContext } from '../../http/auth';
import { AppError, text } from '../../http/errors';
import { PERMISSIONS } from './permissions';
import { changePassword, login, logout, logoutEverywhere, type Principal, SESSION_COOKIE } from './service';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens';

const me = (p: Principal) => ({
  id: p.accountId,
  username: p.username,
  displayName: p.displayName,
  mustChangePassword: p.mustChangePassword,
  roles: p.grants,
});

export function registerAuthRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['auth'];

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Đăng nhập (log in): session cookie + CSRF token for writes',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ csrfToken: z.string(), user: Me }) },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, access: 'public' },
    },
    async (req, reply) => {
      const { token, principal, expiresAt } = await login(
        writeContext(req, db),
        req.body.username,
        req.body.password,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies === 'auto' ? req.protocol === 'https' : deps.config.secureCookies,
        expires: expiresAt,
      });
      return { csrfToken: principal.csrfToken!, user: me(principal) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { access: 'signedIn' }, schema: { tags, summary: 'Đăng xuất (log out this session)' } },
    async (req, reply) => {
      requirePrincipal(req);
      if (req.sessionToken) await logout(writeContext(req, db), req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/auth/logout-all',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Đăng xuất khỏi mọi thiết bị (end every session)',
        response: { 200: z.object({ sessionsEnded: z.number() }) },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const sessionsEnded = await logoutEverywhere(writeContext(req, db), p.accountId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { sessionsEnded };
    },
  );

  r.post(
    '/api/v1/auth/change-password',
    {
      schema: {
        tags,
        summary: 'Đổi mật khẩu (change password; other sessions end)',
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, access: 'signedIn' },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      await changePassword(
        writeContext(req, db),
        p.accountId,
        req.body.currentPassword,
        req.body.newPassword,
        req.sessionToken,
      );
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/me',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Người dùng hiện tại (current user)',
        response: { 200: Me.extend({ csrfToken: z.string().nullable() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return { ...me(p), csrfToken: p.csrfToken };
    },
  );

  const Token = z.object({
    id: z.string(),
    name: z.string(),
    permissions: z.array(z.string()),
    communeCode: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  });
  r.get(
    '/api/v1/auth/tokens',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Mã truy cập API của tôi (my API tokens)',
        response: { 200: z.object({ items: z.array(Token) }) },
      },
    },
    async (req) => ({
      items: await listApiTokens(db, requirePrincipal(req).accountId),
    }),
  );
  r.post(
    '/api/v1/auth/tokens',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Tạo mã truy cập API (create a scoped token; shown once)',
        body: z.object({
          name: z.string().trim().min(2).max(100),
          permissions: z.array(z.enum(PERMISSIONS)).min(1),
          communeCode: z
            .string()
            .regex(/^\d{5}$/, { message: 'commune_code' })
            .nullable()
            .default(null),
          expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
        }),
        response: {
          201: z.object({
            id: z.string(),
            token: z.string(),
            name: z.string(),
            permissions: z.array(z.string()),
            communeCode: z.string().nullable(),
            expiresAt: z.string().nullable(),
          }),
        },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.restriction)
        throw new AppError(
          'forbidden',
          text('Mã truy cập không tạo được mã khác.', 'A token cannot create tokens.'),
        );
      return reply.status(201).send(await createApiToken(writeContext(req, db), p, req.body));
    },
  );
  r.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'Thu hồi mã truy cập (revoke)', params: z.object({ id: z.string().uuid() }) },
    },
    async (req, reply) => {
      await revokeApiToken(writeContext(req, db), requirePrincipal(req).accountId, req.params.id);
      return reply.status(204).send();
    },
  );
}
