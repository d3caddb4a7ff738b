import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../access.js';
import { ApiErrors } from '../errors.js';
import { SESSION_COOKIE, type AuthService } from './auth-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the auth hook, null on public routes without credentials. */
    caller: Caller | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** 'public': no credentials needed. Default: a session or API key is required. */
    auth?: 'public';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerKey(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  const q = (req.query as Record<string, unknown> | undefined)?.api_key;
  return typeof q === 'string' ? q : undefined;
}

/**
 * Authenticates every request under /api/v1 (except routes marked public):
 * an API key (Bearer) or the session cookie. Cookie-authenticated requests
 * that change state must carry the session's CSRF token in `x-csrf-token`.
 * The caller is set per request (initialised to null, never shared).
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('caller', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const isPublic = req.routeOptions.config.auth === 'public';
    const key = bearerKey(req);
    if (key) {
      req.caller = (await auth.resolveApiKey(key, req.ip)) ?? null;
      if (!req.caller && !isPublic) throw ApiErrors.create('UNAUTHENTICATED', {}, 'API key is not valid');
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await auth.resolveSession(token, req.ip);
      if (s) {
        req.caller = s.caller;
        req.csrfToken = s.csrfToken;
      }
    }
    if (isPublic) return;
    if (!req.caller) throw ApiErrors.create('UNAUTHENTICATED');
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) throw ApiErrors.create('CSRF_FAILED');
  });
}

export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw ApiErrors.create('UNAUTHENTICATED');
  return req.caller;
}
