import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. Child loggers carry callId / clientId / agentId. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'switchboard' }, timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization'], censor: '[redacted]' } },
    destination as pino.DestinationStream | undefined,
  );
}
