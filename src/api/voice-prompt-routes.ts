import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import { z } from 'zod';
import { validateFlow } from '../calls/flows/index.js';
import type { EventBus } from '../platform/event-bus.js';
import { newId } from '../platform/ids.js';
import type { Db } from '../store/database.js';
import { clients, flows, prompts } from '../store/schema.js';
import { canSeeClient, clientCondition, requireRole, visibleFirst, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import type { AuditLog } from './audit.js';
import { ApiErrors, validationError } from './errors.js';
import { ADMIN, STAFF } from './resources/resource.js';
import { uuid } from './resources/fields.js';
import { sendAudioFile } from './voice-file-range.js';
import { convertPrompt, PromptAudioErrors } from './voice-prompt-audio.js';

export const MAX_PROMPT_UPLOAD_BYTES = 20 << 20;
const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'application/octet-stream'];

const meta = { tags: ['prompts'], 'x-client-scope': 'entity' } as const;
const idParams = z.object({ id: uuid });
const promptName = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'must be 1-100 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit');
const row = z.object({ id: z.string(), client_id: z.string(), name: z.string(), duration_ms: z.number(), size_bytes: z.number(), created_at: z.string() });
type Prompt = typeof prompts.$inferSelect;
const toRow = (p: Prompt) => ({ id: p.id, client_id: p.clientId, name: p.name, duration_ms: p.durationMs, size_bytes: p.sizeBytes, created_at: p.createdAt.toISOString() });
const notFound = () => ApiErrors.create('NOT_FOUND', { entity: 'prompt' }, 'prompt not found');

/** DATA_DIR/prompts/<client_id>/<id>.wav: the call engine plays prompts from here. */
export function promptPath(dataDir: string, clientId: string, id: string): string {
  return join(dataDir, 'prompts', clientId, `${id}.wav`);
}

/** The flows of the client that name the prompt: dropping it from the list the verbs check against adds errors to them. */
async function flowsNaming(db: Db, p: Prompt): Promise<{ id: string; name: string }[]> {
  const names = (await db.select({ name: prompts.name }).from(prompts).where(eq(prompts.clientId, p.clientId))).map((r) => r.name);
  const without = names.filter((n) => n !== p.name);
  const list = await db.select().from(flows).where(eq(flows.clientId, p.clientId));
  return list.filter((f) => validateFlow(f.definition, { tts: true, prompts: without }).errors.length > validateFlow(f.definition, { tts: true, prompts: names }).errors.length)
    .map((f) => ({ id: f.id, name: f.name }));
}

/**
 * Prompts: recorded audio a client's flows play. Upload is the WAV file as
 * the request body (`POST /prompts?client_id=&name=`, content-type
 * audio/wav or application/octet-stream, up to 20 MB); it is converted to
 * 8 kHz mono and stored under DATA_DIR/prompts/. Admins upload and delete;
 * staff may list and listen. Changes are audited.
 */
export const promptRoutes: FastifyPluginAsync<{ db: Db; audit: AuditLog; bus: EventBus; dataDir: string }> = async (app, { db, audit, bus, dataDir }) => {
  app.addContentTypeParser(WAV_TYPES, { parseAs: 'buffer', bodyLimit: MAX_PROMPT_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  const visible = async (caller: Caller, id: string): Promise<Prompt | undefined> => {
    if (!STAFF.includes(caller.role)) return undefined;
    const [p] = await db.select().from(prompts).where(and(eq(prompts.id, id), clientCondition(caller.scope, prompts.clientId)));
    return p;
  };
  const changed = async (caller: Caller, action: string, p: Prompt, before: unknown, after: unknown) => {
    await audit.record({ action: `prompt.${action}`, entity: 'prompt', entityId: p.id, clientId: p.clientId, actor: caller, before, after });
    bus.publish({ type: `admin.prompt.${action}`, at: new Date().toISOString(), client_id: p.clientId, data: { id: p.id } });
  };

  r.get('/prompts', {
    schema: { ...meta, summary: 'Prompts you may see, by name',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0),
        q: z.string().max(200).optional(), client_id: uuid.optional() }),
      response: { 200: z.object({ items: z.array(row), total: z.number(), limit: z.number(), offset: z.number() }) } },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, STAFF);
    const { limit, offset, q, client_id } = req.query;
    const where = and(clientCondition(caller.scope, prompts.clientId), client_id ? eq(prompts.clientId, client_id) : undefined,
      q ? ilike(prompts.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`) : undefined);
    const [{ n }] = await db.select({ n: count() }).from(prompts).where(where);
    const items = await db.select().from(prompts).where(where).orderBy(asc(prompts.name)).limit(limit).offset(offset);
    return { items: items.map(toRow), total: n, limit, offset };
  });

  r.get('/prompts/:id', { schema: { ...meta, summary: 'One prompt', params: idParams, response: { 200: row } } }, async (req) => {
    const p = await visible(callerOf(req), req.params.id);
    if (!p) throw notFound();
    return toRow(p);
  });

  r.get('/prompts/:id/audio', { schema: { ...meta, summary: 'The prompt as stored: 8 kHz mono WAV (Range supported)', params: idParams } }, async (req, reply) => {
    const p = await visible(callerOf(req), req.params.id);
    if (!p) throw notFound();
    return sendAudioFile(reply, promptPath(dataDir, p.clientId, p.id), req.headers.range, `${p.name}.wav`);
  });

  r.post('/prompts', {
    bodyLimit: MAX_PROMPT_UPLOAD_BYTES,
    // Role and client before anything is read into the query schema: outsiders learn nothing from 400s.
    preValidation: async (req) => {
      const caller = callerOf(req);
      requireRole(caller, ADMIN);
      const clientId = (req.query as { client_id?: unknown }).client_id;
      if (typeof clientId === 'string' && !canSeeClient(caller.scope, clientId)) throw ApiErrors.create('NOT_FOUND', { field: 'client_id' }, 'client_id: client not found');
    },
    schema: { ...meta, summary: 'Upload a prompt: the body is a WAV file (16-bit PCM or G.711, mono or stereo, 8-48 kHz), stored as 8 kHz mono. replace=true replaces the audio of an existing prompt of that name',
      querystring: z.object({ client_id: uuid, name: promptName, replace: z.enum(['true', 'false']).optional() }),
      response: { 200: row, 201: row } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const { client_id: clientId, name, replace } = req.query;
    if (!Buffer.isBuffer(req.body)) throw validationError([{ path: 'body', message: 'send the WAV file itself as the body, with content-type audio/wav' }]);
    let audio;
    try {
      audio = await convertPrompt(req.body);
    } catch (e) {
      if (PromptAudioErrors.is(e)) throw ApiErrors.create('VALIDATION_FAILED', { issues: [{ path: 'body', message: e.message }], reason: e.code }, `body: ${e.message}`);
      throw e;
    }
    const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
    if (!client) throw validationError([{ path: 'client_id', message: 'no such client' }]);
    const [existing] = await db.select().from(prompts).where(and(eq(prompts.clientId, clientId), sql`lower(${prompts.name}) = lower(${name})`));
    if (existing && replace !== 'true') {
      throw ApiErrors.create('CONFLICT', { field: 'name', id: existing.id }, `name: this client already has a prompt "${existing.name}"; upload with replace=true to replace its audio`);
    }
    const id = existing?.id ?? newId();
    const file = promptPath(dataDir, clientId, id);
    await mkdir(join(dataDir, 'prompts', clientId), { recursive: true });
    // Written aside and renamed, so a call playing the old audio never reads half a file.
    const tmp = `${file}.${newId()}.tmp`;
    await writeFile(tmp, audio.wav);
    const values = { durationMs: audio.durationMs, sizeBytes: audio.wav.length };
    try {
      const [saved] = existing
        ? await db.update(prompts).set(values).where(eq(prompts.id, id)).returning()
        : await db.insert(prompts).values({ id, clientId, name, ...values }).returning();
      await rename(tmp, file);
      await changed(caller, existing ? 'replace' : 'create', saved, existing ? toRow(existing) : null, { ...toRow(saved), uploaded: audio.source });
      return reply.code(existing ? 200 : 201).send(toRow(saved));
    } finally {
      await rm(tmp, { force: true });
    }
  });

  r.delete('/prompts/:id', {
    preValidation: visibleFirst(visible),
    schema: { ...meta, summary: 'Delete a prompt; refused (409) while a flow of its client plays it', params: idParams },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const p = await visible(caller, req.params.id);
    if (!p) throw notFound();
    requireRole(caller, ADMIN);
    const users = await flowsNaming(db, p);
    if (users.length > 0) {
      throw ApiErrors.create('CONFLICT', { flows: users }, `prompt "${p.name}" is used by ${users.map((f) => `flow "${f.name}"`).join(', ')}: take it out of ${users.length > 1 ? 'them' : 'it'} first`);
    }
    await db.delete(prompts).where(eq(prompts.id, p.id));
    await rm(promptPath(dataDir, p.clientId, p.id), { force: true });
    await changed(caller, 'delete', p, toRow(p), null);
    return reply.code(204).send();
  });
};
