/**
 * Errors carry a stable code; callers branch on the code, never on the
 * message text. Each module declares its own table (see `defineErrors`), and
 * the HTTP layer maps every code to a status in one place.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/**
 * Declares a module's error table and returns a typed factory:
 *
 *   const RoutingErrors = defineErrors({ QUEUE_NOT_FOUND: { status: 404, message: 'queue not found' } });
 *   throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId });
 */
export function defineErrors<T extends Record<string, ErrorSpec>>(table: T) {
  return {
    table,
    create(code: keyof T & string, details?: Record<string, unknown>, message?: string): AppError {
      const spec = table[code];
      return new AppError(code, spec.status, message ?? spec.message, details);
    },
    is(err: unknown, code?: keyof T & string): err is AppError {
      return err instanceof AppError && (code === undefined ? err.code in table : err.code === code);
    },
  };
}

export function assertUnreachable(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
