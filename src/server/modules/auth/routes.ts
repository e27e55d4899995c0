import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../common/roles';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { requirePrincipal, writeContext } from '../../http/auth';
import { login, logout, SESSION_COOKIE } from './service';

const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      provinceCode: z.string().nullable(),
      communeCode: z.string().nullable(),
    }),
  ),
});

export function registerAuthRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập (log in)',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ csrfToken: z.string(), user: Me }) },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, principal, expiresAt } = await login(
        writeContext(req, deps.db),
        req.body.username,
        req.body.password,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies,
        expires: expiresAt,
      });
      return {
        csrfToken: principal.csrfToken!,
        user: {
          id: principal.accountId,
          username: principal.username,
          displayName: principal.displayName,
          roles: principal.grants,
        },
      };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất (log out)' } },
    async (req, reply) => {
      requirePrincipal(req);
      await logout(writeContext(req, deps.db), req.sessionToken!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Người dùng hiện tại (current user)',
        response: { 200: Me.extend({ csrfToken: z.string().nullable() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return {
        id: p.accountId,
        username: p.username,
        displayName: p.displayName,
        roles: p.grants,
        csrfToken: p.csrfToken,
      };
    },
  );
}
