import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from the environment, optionally merged over a JSON file
 * named by SWITCHBOARD_CONFIG (environment wins). Every setting is validated;
 * a wrong value stops start-up with exit code 2 and a message naming it.
 */
const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const configSchema = z
  .object({
    /** 0 picks any free port (tests); the URL printed at start shows which. */
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.string().url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    EMBEDDED_PG_PORT: port.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SWITCHBOARD_ADMIN_EMAIL: z.string().email().default('admin@switchboard.local'),
    SWITCHBOARD_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    SEED_DEMO: bool.default(true),
    SIMULATE_DEMO_TRAFFIC: bool.default(false),
    /** Simulated customers per minute on each demo queue. */
    DEMO_CALLS_PER_MINUTE: z.coerce.number().min(0.1).max(600).default(1),
    /** Telephony on/off (the SIP and RTP listeners). */
    SIP_ENABLED: bool.default(true),
    /** An agent whose SIP phone registers is logged in available (desk-phone agents have no desktop to log in with). */
    AGENT_LOGIN_ON_REGISTER: bool.default(true),
    /** 0 picks any free port (tests). */
    SIP_PORT: z.coerce.number().int().min(0).max(65535).default(5060),
    SIP_HOST: z.string().min(1).optional(),
    /** Digest realm of agents' SIP phones; their stored HA1 secrets depend on it (changing it means new SIP passwords). */
    SIP_REALM: z.string().trim().min(1).max(100).regex(/^[^"\\\s]+$/, 'must not contain spaces, quotes or backslashes').default('switchboard'),
    /** Key for secrets kept at rest (trunk passwords): base64 of 32 bytes; without it DATA_DIR/secret.key is created. */
    SECRET_KEY: z.string().trim().refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be base64 of 32 random bytes (openssl rand -base64 32)').optional(),
    /**
     * Address of the browser softphone's WebRTC engine (its ICE host candidate): must be one the
     * agents' browsers reach. Default: HOST when it is a single address, else 127.0.0.1.
     */
    WEBRTC_HOST: z.string().min(1).optional(),
    /** One UDP port for every browser call (ICE mux); 0 (default): an ephemeral port per call. */
    WEBRTC_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** Seconds between SIP OPTIONS pings to each enabled trunk (trunk health); 0 turns the checks off. */
    TRUNK_OPTIONS_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(30),
    RTP_PORT_MIN: port.default(10000),
    RTP_PORT_MAX: port.default(20000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** Days of agent state history kept (agent_state_log: "my day", time-in-state reports); older rows are pruned daily. */
    AGENT_STATE_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(400),
    COOKIE_SECURE: bool.default(false),
  })
  .refine((c) => c.RTP_PORT_MIN < c.RTP_PORT_MAX, {
    path: ['RTP_PORT_MAX'],
    message: 'must be greater than RTP_PORT_MIN',
  });

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(configSchema.shape);

/** Reads and validates the configuration; throws ConfigError naming each bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let fromFile: Record<string, unknown> = {};
  if (env.SWITCHBOARD_CONFIG) {
    try {
      fromFile = JSON.parse(readFileSync(env.SWITCHBOARD_CONFIG, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`SWITCHBOARD_CONFIG: cannot read ${env.SWITCHBOARD_CONFIG}: ${(e as Error).message}`);
    }
    const unknown = Object.keys(fromFile).filter((k) => !KEYS.includes(k));
    if (unknown.length) throw new ConfigError(`SWITCHBOARD_CONFIG: unknown setting(s) ${unknown.join(', ')}`);
  }
  const raw: Record<string, unknown> = { ...fromFile };
  for (const k of KEYS) {
    const v = env[k];
    if (v !== undefined && v !== '') raw[k] = v;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.') || '(config)';
      const got = raw[key];
      const shown = got === undefined || /PASSWORD|SECRET|DATABASE_URL/.test(key) ? '' : ` (got ${JSON.stringify(got)})`;
      return `${key}: ${i.message}${shown}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) };
}
