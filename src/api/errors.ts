import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, defineErrors } from '../platform/errors.js';

// A missing field reads "name: is required", not zod's "expected string, received undefined".
z.config({ customError: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined) });

/** The API's error codes. Every error body is `{ error: { code, message, details } }`. */
export const ApiErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, message: 'request is not valid' },
  INVALID_JSON: { status: 400, message: 'request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, message: 'log in first' },
  INVALID_CREDENTIALS: { status: 401, message: 'wrong email or password' },
  FORBIDDEN: { status: 403, message: 'your role does not allow this' },
  CSRF_FAILED: { status: 403, message: 'missing or wrong x-csrf-token header' },
  NOT_FOUND: { status: 404, message: 'not found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no such route' },
  CONFLICT: { status: 409, message: 'conflicts with an existing record' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'request body too large' },
  LOGIN_THROTTLED: { status: 429, message: 'too many failed logins; wait and try again' },
  INTERNAL: { status: 500, message: 'internal error' },
  SHUTTING_DOWN: { status: 503, message: 'server is shutting down' },
});

export interface Issue { path: string; message: string }

export function validationError(issues: Issue[]): AppError {
  const first = issues[0];
  const message = first ? `${first.path || '(body)'}: ${first.message}` : 'request is not valid';
  return ApiErrors.create('VALIDATION_FAILED', { issues }, message);
}

export function sendError(reply: FastifyReply, err: AppError): FastifyReply {
  return reply.code(err.status).send({ error: { code: err.code, message: err.message, details: err.details ?? {} } });
}

interface PgError { code?: string; constraint?: string; detail?: string }

/** Maps whatever a handler threw to one error body. Unknown errors are logged and hidden. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) return sendError(reply, err);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const issues = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
      return { path: where === 'body' ? path : `${where}.${path}`.replace(/\.$/, ''), message: v.message ?? 'invalid' };
    });
    return sendError(reply, validationError(issues));
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
    return sendError(reply, ApiErrors.create('INVALID_JSON', {}, `request body is not valid JSON: ${err.message}`));
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, ApiErrors.create('PAYLOAD_TOO_LARGE'));
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, ApiErrors.create('VALIDATION_FAILED', {}, `unsupported content type; send application/json`));
  // drizzle wraps the driver's error in `cause`
  const pgErr = ((err as { cause?: unknown }).cause ?? err) as PgError;
  if (pgErr.code === '23505') return sendError(reply, ApiErrors.create('CONFLICT', { constraint: pgErr.constraint }, conflictMessage(pgErr.constraint)));
  if (pgErr.code === '23503') return sendError(reply, validationError([{ path: fkField(pgErr.detail), message: 'refers to a record that does not exist' }]));
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(reply, new AppError('BAD_REQUEST', fe.statusCode, err.message));
  }
  req.log.error({ err }, 'unhandled error');
  return sendError(reply, ApiErrors.create('INTERNAL'));
}

function conflictMessage(constraint?: string): string {
  const field = constraint?.replace(/_uq$/, '').split('_').slice(1).join('_');
  return field ? `${field} is already in use` : 'conflicts with an existing record';
}

function fkField(detail?: string): string {
  return /Key \(([a-z_]+)\)/.exec(detail ?? '')?.[1] ?? '(reference)';
}
