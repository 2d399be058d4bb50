/**
 * The scheduler process: `npx tsx scheduler/src/main.ts` (DATABASE_URL required).
 * Starts Agenda (PostgreSQL, or MongoDB with MONGODB_URL), registers the jobs,
 * keeps one heartbeat per enabled IntegrationFlow, runs every enabled flow once at
 * start-up, turns wakeUp events into immediate coalesced runs, logs JSON (pino),
 * and shuts down gracefully on SIGINT/SIGTERM.
 */
import pino from 'pino';
import { createPgEventBus } from '@megzo/db/events';
import { createPrisma } from './engine/db.ts';
import { registryConnectorFactory } from './engine/connector-factory.ts';
import { createScheduler } from './engine/scheduler.ts';
import { FLOW_DEFINITIONS } from './flows/registry.ts';
import { loadEnv } from './env.ts';

async function main(): Promise<void> {
  const env = loadEnv();
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'scheduler', worker: env.SCHEDULER_NAME } });
  const db = createPrisma(env.DATABASE_URL, { poolSize: env.SCHEDULER_CONCURRENCY * 3 + 4 });
  const bus = createPgEventBus(env.DATABASE_URL, { onError: (e, c) => log.warn({ err: e.message, ...c }, 'event bus') });
  const scheduler = await createScheduler({
    db,
    databaseUrl: env.DATABASE_URL,
    mongodbUrl: env.MONGODB_URL,
    name: env.SCHEDULER_NAME,
    factory: registryConnectorFactory(db, { logger: log }),
    events: bus,
    eventSource: bus,
    flows: FLOW_DEFINITIONS,
    log,
    concurrency: env.SCHEDULER_CONCURRENCY,
    processEvery: env.AGENDA_PROCESS_EVERY,
    defaultIntervalSeconds: env.HEARTBEAT_INTERVAL_SECONDS,
    jitter: env.HEARTBEAT_JITTER,
    staleRunSeconds: env.STALE_RUN_SECONDS,
    runHeartbeatSeconds: env.RUN_HEARTBEAT_SECONDS,
    scheduleRefreshSeconds: env.SCHEDULE_REFRESH_SECONDS,
    crashAfterStep: env.MEGZO_CRASH_AFTER_STEP,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing the current steps');
    try {
      await scheduler.stop(env.SHUTDOWN_GRACE_SECONDS * 1000);
      await bus.close();
      await db.$disconnect();
      log.info('stopped');
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await scheduler.start();
  log.info({ store: scheduler.store, concurrency: env.SCHEDULER_CONCURRENCY }, 'scheduler started');
  if (env.RUN_ON_START) {
    await scheduler.fetchFxRates().catch((e: unknown) => log.warn({ err: e }, 'start-up FX fetch failed'));
    const n = await scheduler.runAllOnce('heartbeat');
    log.info({ runs: n }, 'start-up runs queued');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
