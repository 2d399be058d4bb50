/** Wires the real ports from the environment: Prisma, the event bus, Agenda, logs, metrics, secrets. */
import { readFileSync } from 'node:fs';
import { createPrisma } from '@megzo/db/client';
import { createPgEventBus } from '@megzo/db/events';
import { secretBox } from '@megzo/db/crypto';
import type { Env } from './env.ts';
import type { AppConfig, AppDeps } from './deps.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { createEventHub, type EventBus } from './events.ts';
import { createRedisEventBus } from './event-bus-redis.ts';
import { createAgendaQueue } from './jobs.ts';
import { RateLimiter } from './auth/rate-limit.ts';
import { Authenticator } from './auth/authenticate.ts';
import type { PrismaClient } from './db.ts';
import type { JobQueue } from './jobs.ts';

export const DEFAULT_CONFIG: Omit<AppConfig, 'cookieSecure' | 'studioOrigin' | 'bodyLimit'> = {
  sessionTtlMs: 7 * 24 * 3600 * 1000,
  persistedOperations: new Map(),
  allowArbitraryOperations: true,
  webhookToleranceSeconds: 300,
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 30,
};

/** Persisted operations file: JSON object { "<sha256>": "<document>" } (optional). */
export function loadPersistedOperations(path: string | undefined): Map<string, string> {
  if (!path) return new Map();
  const obj = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(obj));
}

export interface DepsOverrides {
  prisma?: PrismaClient;
  bus?: EventBus;
  jobs?: JobQueue;
  config?: Partial<AppConfig>;
  secrets?: AppDeps['secrets'];
  now?: () => Date;
}

export function createDeps(env: Env, overrides: DepsOverrides = {}): AppDeps {
  const logger = createLogger(env.LOG_LEVEL);
  const prisma = overrides.prisma ?? createPrisma(env.DATABASE_URL, { poolSize: 20 });
  const bus = overrides.bus ?? (env.REDIS_URL ? createRedisEventBus(env.REDIS_URL, (err, event) => logger.warn({ err, event }, 'dropped a malformed event')) : createPgEventBus(env.DATABASE_URL, {
    onError: (err, c) => logger.warn({ err, ...c }, 'event bus trouble'),
  }));
  const metrics = createMetrics();
  const events = createEventHub(bus, logger);
  events.onEvent((name, payload) => {
    if (name === 'syncRunUpdated' && 'flow' in payload && 'status' in payload)
      metrics.syncRunEvents.inc({ flow: String(payload.flow), status: String(payload.status) });
    if (name === 'orderUpdated') metrics.orderEvents.inc();
  });
  return {
    prisma,
    logger,
    metrics,
    events,
    jobs: overrides.jobs ?? createAgendaQueue(env.DATABASE_URL),
    config: {
      ...DEFAULT_CONFIG,
      cookieSecure: env.COOKIE_SECURE,
      studioOrigin: env.STUDIO_ORIGIN,
      bodyLimit: env.API_BODY_LIMIT,
      persistedOperations: loadPersistedOperations(env.API_PERSISTED_OPERATIONS),
      allowArbitraryOperations: !env.API_PERSISTED_ONLY,
      ...overrides.config,
    },
    signInLimiter: new RateLimiter({ limit: 10, windowMs: 15 * 60_000 }),
    authenticator: new Authenticator(prisma),
    secrets: overrides.secrets ?? secretBox(),
    now: overrides.now ?? (() => new Date()),
  };
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.events.close();
  await deps.jobs.close();
  await deps.prisma.$disconnect();
}
