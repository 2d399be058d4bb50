/**
 * The scheduler's environment, parsed once at start-up. Nothing else in the
 * scheduler reads `process.env` (STYLE.md §14).
 */
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const EnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  /** Selects Agenda's MongoDB backend for the job store (domain data stays in PostgreSQL). */
  MONGODB_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL')
    .optional(),
  /** Parallel run-flow jobs per worker process. */
  SCHEDULER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Default heartbeat interval when an IntegrationFlow has none. */
  HEARTBEAT_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** Jitter as a fraction of the interval (0.1 = ±10 %). */
  HEARTBEAT_JITTER: z.coerce.number().min(0).max(0.5).default(0.1),
  /** How often the worker looks for new/changed IntegrationFlows. */
  SCHEDULE_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A running run whose heartbeat is older than this is recovered. */
  STALE_RUN_SECONDS: z.coerce.number().int().min(5).max(86_400).default(120),
  /** How often a running run writes its heartbeat. */
  RUN_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** How long a graceful shutdown waits for the current step. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** Agenda's polling interval (LISTEN/NOTIFY does the rest on PostgreSQL). */
  AGENDA_PROCESS_EVERY: z.string().default('2 seconds'),
  /** Run every enabled flow once at start-up. */
  RUN_ON_START: bool.default(true),
  SCHEDULER_NAME: z.string().min(1).default(`scheduler-${process.pid}`),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Test hook: `<flow>.<step>` makes the worker SIGKILL itself right after that step
   * completes (used by the crash-recovery integration test). Never set in production.
   */
  MEGZO_CRASH_AFTER_STEP: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/).optional(),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; on failure returns one line naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): { ok: true; env: Env } | { ok: false; message: string } {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const parts = result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  return { ok: false, message: `Invalid environment: ${parts.join('; ')}` };
}

/** For main.ts: parse or print one line and exit 1. */
export function loadEnv(): Env {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(1);
  }
  return parsed.env;
}
