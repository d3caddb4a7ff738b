import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventBus } from '../platform/event-bus.js';
import type { Db } from '../store/database.js';
import { canSeeClient, requireRole } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import type { AuditLog } from './audit.js';
import { ApiErrors } from './errors.js';
import { businessHoursResource } from './resources/business-hours.js';
import { checkFlow, flowDefinition, flowsResource } from './resources/flows.js';
import { phoneNumbersResource } from './resources/phone-numbers.js';
import { registerResource, STAFF } from './resources/resource.js';
import { trunksResource, type TrunkHealthLookup, type TrunkRegistrationLookup } from './resources/trunks.js';
import { uuid } from './resources/fields.js';
import { promptRoutes } from './voice-prompt-routes.js';
import { recordingRoutes } from './voice-recording-routes.js';

export interface VoiceRoutesOptions {
  db: Db;
  audit: AuditLog;
  bus: EventBus;
  /** Prompts are stored under it; recordings' paths are relative to it. */
  dataDir: string;
  /** platform/secrets.ts key: trunk passwords are encrypted with it. */
  secretKey: Buffer;
  /** espeak-ng on this host (voice-capabilities.ts ttsAvailable()): flows that speak are refused without it. */
  tts: boolean;
  /** The trunk monitor's view of a trunk (calls/trunk-health.ts); absent: trunks show as not checked. */
  trunkHealth?: TrunkHealthLookup;
  trunkRegistration?: TrunkRegistrationLookup;
}

const issue = z.object({ path: z.string(), message: z.string() });

/**
 * The inbound-voice admin API under /api/v1: trunks, numbers, flows (and
 * their dry-run validation), business hours, prompts, recordings and call
 * legs. What the call engine reads, admins write here.
 */
export const voiceRoutes: FastifyPluginAsync<VoiceRoutesOptions> = async (app, o) => {
  const deps = { db: o.db, audit: o.audit, bus: o.bus };
  registerResource(app, trunksResource(o.secretKey, o.trunkHealth, o.trunkRegistration), deps);
  registerResource(app, phoneNumbersResource, deps);
  registerResource(app, flowsResource({ tts: o.tts }), deps);
  registerResource(app, businessHoursResource, deps);

  app.withTypeProvider<ZodTypeProvider>().post('/flows/validate', {
    // Role and client are checked before the body, as for a save.
    preValidation: async (req) => {
      const caller = callerOf(req);
      requireRole(caller, STAFF);
      const clientId = (req.body as { client_id?: unknown } | undefined)?.client_id;
      if (typeof clientId === 'string' && !canSeeClient(caller.scope, clientId)) throw ApiErrors.create('NOT_FOUND', { field: 'client_id' }, 'client_id: client not found');
    },
    schema: { tags: ['flows'], 'x-client-scope': 'entity',
      summary: 'Dry run of a flow save: the same checks (verbs, branches, the client\'s queues and prompts, text to speech), nothing written',
      body: z.object({ client_id: uuid, definition: flowDefinition }).strict(),
      response: { 200: z.object({ ok: z.boolean(), issues: z.array(issue), warnings: z.array(issue) }) } },
  }, async (req) => checkFlow(o.db, req.body.client_id, req.body.definition, o.tts));

  await app.register(promptRoutes, { db: o.db, audit: o.audit, bus: o.bus, dataDir: o.dataDir });
  await app.register(recordingRoutes, { db: o.db, dataDir: o.dataDir });
};
