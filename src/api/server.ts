import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../platform/logger.js';
import type { EventBus } from '../platform/event-bus.js';
import type { Db } from '../store/database.js';
import { registerAuthHook } from './auth/auth-plugin.js';
import { authRoutes } from './auth/auth-routes.js';
import type { AuthService } from './auth/auth-service.js';
import type { AuditLog } from './audit.js';
import { auditRoutes } from './audit-routes.js';
import { ApiErrors, errorHandler, sendError } from './errors.js';
import { eventsGateway } from './events-gateway.js';
import { erlangRoutes } from './erlang-routes.js';
import { healthRoutes, type Metrics } from './health-routes.js';
import { registerResource } from './resources/resource.js';
import { adminResources } from './resources/index.js';

export interface ApiDeps {
  log: Logger;
  db: Db;
  auth: AuthService;
  audit: AuditLog;
  bus: EventBus;
  metrics: Metrics;
  ready: () => Promise<boolean>;
  secureCookie: boolean;
  /** SIP_REALM: agents' SIP passwords are stored as HA1 for it. */
  sipRealm?: string;
  /** Directory of the built web app (web/dist); served at / when it exists. */
  webDir?: string;
  /** Later issues add their API areas here, each a fastify plugin under /api/v1. */
  extraRoutes?: ((api: FastifyInstance) => Promise<void>)[];
}

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the HTTP server: REST under /api/v1, the events WebSocket, OpenAPI, health, the web app. */
export async function buildServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ part: 'http' }) as unknown as FastifyBaseLogger,
    // Per-request access logs stay off: /metrics counts requests, and errors are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1 << 20,
    trustProxy: false,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !deps.webDir || !existsSync(deps.webDir) || req.method !== 'GET') {
      return sendError(reply, ApiErrors.create('ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] }, `no route ${req.method} ${req.url.split('?')[0]}`));
    }
    // The web app routes in the browser: any other GET gets its index page.
    return reply.sendFile('index.html');
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) req.log.warn({ method: req.method, url: req.url, status: reply.statusCode }, 'request failed');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Switchboard API', version: '1.0.0', description: 'Contact-center and BPO platform. Errors: { error: { code, message, details } }.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sb_session' }, apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  registerAuthHook(app, deps.auth);
  await app.register(healthRoutes, { ready: deps.ready, registry: deps.metrics.registry });

  await app.register(async (api) => {
    await api.register(authRoutes, { auth: deps.auth, audit: deps.audit, db: deps.db, secureCookie: deps.secureCookie });
    for (const def of adminResources({ sipRealm: deps.sipRealm })) registerResource(api, def, { db: deps.db, audit: deps.audit, bus: deps.bus });
    await api.register(auditRoutes, { db: deps.db });
    await api.register(eventsGateway, { bus: deps.bus });
    await api.register(erlangRoutes);
    for (const extra of deps.extraRoutes ?? []) await extra(api);
    api.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  }, { prefix: '/api/v1' });

  if (deps.webDir && existsSync(deps.webDir)) {
    await app.register(fastifyStatic, { root: deps.webDir, wildcard: false, index: 'index.html' });
  }
  return app;
}
