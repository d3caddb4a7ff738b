/** A validation problem the server tied to one input (details.issues[]). */
export interface FieldIssue {
  /** Dotted path, e.g. "name" or "skills.0.level". */
  path: string;
  message: string;
}

/**
 * Any non-2xx answer, decoded from the API's error body
 * `{ error: { code, message, details? } }`. Callers branch on `code`.
 * A network failure or an unreadable body gets code NETWORK_ERROR / BAD_RESPONSE.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[];

  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.issues = readIssues(details);
  }
}

function readIssues(details: Record<string, unknown> | undefined): FieldIssue[] {
  const raw = details?.['issues'];
  if (!Array.isArray(raw)) return [];
  const out: FieldIssue[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    // Servers built on zod may send the path as an array; accept both shapes.
    const dotted = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : '';
    out.push({ path: dotted, message: typeof message === 'string' ? message : 'Invalid value' });
  }
  return out;
}

/** Decodes an error response body into an ApiError, whatever shape it has. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const err = (body as { error?: unknown } | null)?.error;
  if (typeof err === 'object' && err !== null) {
    const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown };
    return new ApiError(
      typeof code === 'string' ? code : `HTTP_${status}`,
      status,
      typeof message === 'string' ? message : `Request failed (${status})`,
      typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
    );
  }
  return new ApiError(`HTTP_${status}`, status, `Request failed (${status})`);
}

/** The message to show a person for any thrown value. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
