// The only reader of process.env: parses the environment once into a frozen Config.
import { resolve } from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FIREBREAK_DATA_DIR: z.string().default('./data'),
  FIREBREAK_PUBLIC_URL: z.string().url().optional(),
  FIREBREAK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FIREBREAK_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  FIREBREAK_OWNER_EMAIL: z.string().email().default('owner@firebreak.local'),
  FIREBREAK_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  FIREBREAK_SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(25_000),
  FIREBREAK_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || parseSecretKey(v) !== undefined, {
      message: 'must be 32 bytes in base64 or hex (e.g. `openssl rand -base64 32`)',
    }),
  FIREBREAK_SENTIMENT_MODEL_DIR: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v)),
  FIREBREAK_DETECTION_WARMUP_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .optional(),
  FIREBREAK_ESCALATION_MINUTE_SECONDS: z.coerce.number().int().min(5).max(60).default(60),
  FIREBREAK_JOBS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string };
  /** Base URL used in links we print or return (sign-in and invite links). */
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly secureCookies: boolean;
  readonly ownerEmail: string;
  readonly loginMaxAttempts: number;
  readonly sseHeartbeatMs: number;
  readonly jobsEnabled: boolean;
  /** AES-256-GCM key for source credentials; undefined: embedded mode generates `<data dir>/secret.key`. */
  readonly secretKey: Buffer | undefined;
  readonly version: string;
  /** A local ONNX sentiment model directory (docs/sentiment.md); undefined: the built-in model. */
  readonly sentimentModelDir?: string | undefined;
  /** Hours of history a detector needs before it scores at full strength; undefined: a day (docs/detection.md). */
  readonly detectionWarmupHours?: number | undefined;
  /**
   * Seconds in one minute of a routing rule's acknowledgement timeout (60; tests shorten it so the shortest
   * escalation deadline, one minute, passes in seconds). docs/detection.md#escalation.
   */
  readonly escalationMinuteSeconds: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.FIREBREAK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.FIREBREAK_DATA_DIR) },
    publicUrl,
    logLevel: e.FIREBREAK_LOG_LEVEL,
    secureCookies: e.FIREBREAK_SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    ownerEmail: e.FIREBREAK_OWNER_EMAIL,
    loginMaxAttempts: e.FIREBREAK_LOGIN_MAX_ATTEMPTS,
    sseHeartbeatMs: e.FIREBREAK_SSE_HEARTBEAT_MS,
    jobsEnabled: e.FIREBREAK_JOBS,
    secretKey: e.FIREBREAK_SECRET_KEY ? parseSecretKey(e.FIREBREAK_SECRET_KEY) : undefined,
    version: '0.1.0',
    sentimentModelDir: e.FIREBREAK_SENTIMENT_MODEL_DIR ? resolve(e.FIREBREAK_SENTIMENT_MODEL_DIR) : undefined,
    detectionWarmupHours: e.FIREBREAK_DETECTION_WARMUP_HOURS,
    escalationMinuteSeconds: e.FIREBREAK_ESCALATION_MINUTE_SECONDS,
  } satisfies Config);
}

/** Names of configuration values that hold secrets; the logger redacts them. */
export const secretConfigKeys = ['DATABASE_URL', 'FIREBREAK_SECRET_KEY'] as const;

/** A 32-byte key written as 64 hex digits or base64 (standard or url-safe); undefined when it is neither. */
export function parseSecretKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const key = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}
