/**
 * The scheduler's environment, parsed once at start-up. Nothing else in the
 * scheduler reads `process.env` (STYLE.md §14).
 */
import { z } from 'zod';
import { FLOWS, FlowId } from '@megzo/domain';

/**
 * `all` (every flow), `none`, or a comma list of flow ids (`stock,orders`);
 * parsed to the flows in that list, each once, unknown ids refused by name.
 */
const flowList = z
  .string()
  .default('all')
  .transform((v, ctx): FlowId[] => {
    const lower = v.trim().toLowerCase();
    if (lower === 'all') return [...FLOWS];
    if (lower === 'none') return [];
    const out: FlowId[] = [];
    for (const part of lower.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const flow = FlowId.safeParse(part);
      if (!flow.success) {
        ctx.addIssue({ code: 'custom', message: `unknown flow "${part}" (expected all, none or a comma list of ${FLOWS.join(', ')})` });
        return z.NEVER;
      }
      if (!out.includes(flow.data)) out.push(flow.data);
    }
    return out;
  });

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
  /**
   * Which enabled flows run once at start-up (with RUN_ON_START): `all` (default),
   * `none`, or a comma list such as `stock,orders`. FX rates are fetched at start-up
   * either way. The e2e stack leaves `catalog` out so the first sync is watched live.
   */
  STARTUP_RUN_FLOWS: flowList,
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
