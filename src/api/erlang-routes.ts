import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runErlangCommand } from '../analytics/erlang-command.js';
import { AppError } from '../platform/errors.js';
import { requireRole } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import { validationError } from './errors.js';

const num = z.number().finite();
const body = z.object({
  model: z.enum(['b', 'c', 'a']),
  calls: num.optional(), period_s: num.optional(), aht_s: num.optional(), traffic_erlangs: num.optional(),
  agents: num.optional(), threshold_s: num.optional(), patience_s: num.optional(),
  target_sl: num.optional(), target_asa_s: num.optional(), target_p_abandon: num.optional(), max_p_wait: num.optional(), max_blocking: num.optional(),
}).strict();

/**
 * POST /api/v1/erlang: the same computation as `switchboard erlang`, for the
 * web app's staffing calculator. Pure math on the caller's numbers: no client data.
 */
export const erlangRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().post('/erlang', {
    schema: { tags: ['analytics'], 'x-client-scope': 'shared', summary: 'Erlang B/C/A figures, or the agents needed for a target', body },
  }, async (req) => {
    requireRole(callerOf(req), ['admin', 'supervisor', 'planner', 'qa']);
    const args = Object.entries(req.body).flatMap(([k, v]) => [`--${k.replace(/_/g, '-')}`, String(v)]);
    const r = runErlangCommand(args);
    if (r.exitCode === 0) return r.output;
    const err = r.output.error as { code: string; message: string; flag?: string };
    if (r.exitCode === 2) throw validationError([{ path: err.flag?.replace(/^--/, '').replace(/-/g, '_') ?? '(body)', message: err.message }]);
    throw new AppError(err.code, 422, err.message);
  });
};
