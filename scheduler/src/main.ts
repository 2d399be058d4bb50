/**
 * The scheduler process: `npx tsx scheduler/src/main.ts` (DATABASE_URL required).
 * Starts Agenda (PostgreSQL, or MongoDB with MONGODB_URL), registers the jobs,
 * keeps one heartbeat per enabled IntegrationFlow, fetches the FX rates and runs
 * every enabled flow once at start-up (only those in STARTUP_RUN_FLOWS when it is
 * set), turns wakeUp events into immediate coalesced runs, logs JSON (pino), and
 * shuts down gracefully on SIGINT/SIGTERM.
 */
import pino from 'pino';
import { FLOWS, type FlowId } from '@megzo/domain';
import { createPgEventBus } from '@megzo/db/events';
import { createPrisma, type Db } from './engine/db.ts';
import { registryConnectorFactory } from './engine/connector-factory.ts';
import { createScheduler, type Scheduler } from './engine/scheduler.ts';
import { FLOW_DEFINITIONS } from './flows/registry.ts';
import { loadEnv } from './env.ts';

/**
 * Enqueues one start-up run of every enabled flow in `flows` (all of them: the
 * scheduler's own runAllOnce); returns how many were queued.
 */
async function runAtStartUp(db: Db, scheduler: Pick<Scheduler, 'runAllOnce' | 'requestRun'>, flows: readonly FlowId[]): Promise<number> {
  if (FLOWS.every((f) => flows.includes(f))) return scheduler.runAllOnce('heartbeat');
  const wanted = flows.filter((f) => FLOW_DEFINITIONS[f]);
  if (wanted.length === 0) return 0;
  const enabled = await db.integrationFlow.findMany({
    where: { enabled: true, integration: { enabled: true }, flow: { in: wanted } },
    select: { integrationId: true, flow: true, integration: { select: { tenantId: true } } },
  });
  let n = 0;
  for (const f of enabled) {
    await scheduler.requestRun({ tenantId: f.integration.tenantId, integrationId: f.integrationId, flow: f.flow as FlowId, trigger: 'heartbeat' });
    n++;
  }
  return n;
}

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
    const n = await runAtStartUp(db, scheduler, env.STARTUP_RUN_FLOWS);
    log.info({ runs: n, flows: env.STARTUP_RUN_FLOWS }, 'start-up runs queued');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
