/**
 * One scheduler process (or one in-process engine instance in tests): Agenda with
 * the job definitions, heartbeat schedules, stale-run recovery, wake-ups, and a
 * graceful stop that lets the current step finish (or checkpoint) first.
 */
import { randomUUID } from 'node:crypto';
import {
  FLOWS,
  JOB_FETCH_FX_RATES,
  JOB_PURGE_PERSONAL_DATA,
  JOB_RECOVER_STALE_RUNS,
  type EventName,
  type EventPayload,
  type FlowId,
} from '@megzo/domain';
import { createAgenda, type JobStore } from './agenda.ts';
import { DEFAULT_FLOW_OPTIONS, systemClock, type Clock, type EventPort, type FlowDefinition, type FlowOptions, type Logger } from './context.ts';
import type { Db } from './db.ts';
import { requestRun, type RequestRunInput, type RequestRunResult } from './enqueue.ts';
import type { ConnectorFactory } from './integration.ts';
import { createLockManager, type LockManager } from './locks.ts';
import type { JobDeps } from '../jobs/deps.ts';
import { defineRunFlowJob } from '../jobs/run-flow.job.ts';
import { defineHeartbeatJob } from '../jobs/heartbeat.job.ts';
import { defineFetchFxRatesJob, fetchFxRates } from '../jobs/fetch-fx-rates.job.ts';
import { definePurgePersonalDataJob } from '../jobs/purge-personal-data.job.ts';
import { defineRecoverStaleRunsJob, recoverStaleRuns, type RecoveryResult } from '../jobs/recover-stale-runs.job.ts';
import { syncSchedules, type ScheduleSyncResult } from '../jobs/schedules.ts';

/** A subscription source for wake-ups (the DB event bus). */
export interface EventSource {
  subscribe<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void | Promise<void>): Promise<() => Promise<void> | void> | (() => Promise<void> | void);
}

export interface SchedulerOptions {
  db: Db;
  databaseUrl: string;
  mongodbUrl?: string;
  name?: string;
  factory: ConnectorFactory;
  events: EventPort;
  /** When given, wakeUp events enqueue immediate (coalesced) runs. */
  eventSource?: EventSource;
  flows: Partial<Record<FlowId, FlowDefinition<unknown>>>;
  log: Logger;
  clock?: Clock;
  concurrency?: number;
  processEvery?: string | number;
  flowOptions?: Partial<FlowOptions>;
  defaultIntervalSeconds?: number;
  jitter?: number;
  staleRunSeconds?: number;
  runHeartbeatSeconds?: number;
  scheduleRefreshSeconds?: number;
  /** Register heartbeats and the recovery job (tests of a bare worker turn it off). */
  schedule?: boolean;
  crashAfterStep?: string;
}

export interface Scheduler {
  readonly store: JobStore;
  readonly deps: JobDeps;
  start(): Promise<void>;
  /** Graceful: abort flows at the next step/page boundary, wait up to `graceMs`, stop Agenda. */
  stop(graceMs?: number): Promise<void>;
  requestRun(input: RequestRunInput): Promise<RequestRunResult>;
  /** Enqueue one run of every enabled flow (start-up). */
  runAllOnce(trigger?: 'heartbeat' | 'manual'): Promise<number>;
  syncSchedules(): Promise<ScheduleSyncResult>;
  recoverStaleRuns(): Promise<RecoveryResult>;
  fetchFxRates(date?: string): Promise<number>;
}

export async function createScheduler(o: SchedulerOptions): Promise<Scheduler> {
  const name = o.name ?? `scheduler-${process.pid}-${randomUUID().slice(0, 8)}`;
  const concurrency = o.concurrency ?? 4;
  const { agenda, store } = await createAgenda({
    databaseUrl: o.databaseUrl,
    mongodbUrl: o.mongodbUrl,
    name,
    processEvery: o.processEvery ?? '2 seconds',
    maxConcurrency: concurrency,
  });
  const locks: LockManager = createLockManager(o.databaseUrl, { max: concurrency * 3 + 4 });
  const abort = new AbortController();
  const deps: JobDeps = {
    agenda,
    db: o.db,
    locks,
    factory: o.factory,
    events: o.events,
    clock: o.clock ?? systemClock,
    log: o.log,
    flows: o.flows,
    flowOptions: { ...DEFAULT_FLOW_OPTIONS, ...o.flowOptions },
    workerId: name,
    signal: abort.signal,
    runHeartbeatMs: (o.runHeartbeatSeconds ?? 10) * 1000,
    staleRunMs: (o.staleRunSeconds ?? 120) * 1000,
    defaultIntervalSeconds: o.defaultIntervalSeconds ?? 300,
    jitter: o.jitter ?? 0.1,
    crashAfterStep: o.crashAfterStep,
  };
  defineRunFlowJob(deps, concurrency);
  defineHeartbeatJob(deps);
  defineRecoverStaleRunsJob(deps);
  defineFetchFxRatesJob(deps);
  definePurgePersonalDataJob(deps);

  agenda.on('error', (e: Error) => o.log.error({ err: e.message }, 'agenda error'));
  agenda.on('fail', (e: Error | string, job: { attrs?: { name?: string } }) =>
    o.log.error({ err: typeof e === 'string' ? e : e.message, job: job.attrs?.name }, 'job failed'),
  );

  let refresh: NodeJS.Timeout | undefined;
  let unsubscribe: (() => Promise<void> | void) | undefined;
  let stopped = false;

  const scheduler: Scheduler = {
    store,
    deps,
    async start() {
      await agenda.start();
      if (o.schedule !== false) {
        await agenda.every(`${Math.max(15, Math.floor(deps.staleRunMs / 2000))} seconds`, JOB_RECOVER_STALE_RUNS);
        // BNR publishes around 13:00 Bucharest time on banking days; ECB at 16:00 CET.
        await agenda.every('20 15 * * *', JOB_FETCH_FX_RATES, undefined, { timezone: 'UTC' });
        // GDPR retention (DESIGN.md invariant 6): once a day, at a quiet hour.
        await agenda.every('40 2 * * *', JOB_PURGE_PERSONAL_DATA, undefined, { timezone: 'UTC' });
        await scheduler.syncSchedules();
        refresh = setInterval(() => {
          void scheduler.syncSchedules().catch((e: unknown) => o.log.warn({ err: e }, 'schedule refresh failed'));
        }, (o.scheduleRefreshSeconds ?? 30) * 1000);
        refresh.unref();
      }
      if (o.eventSource) {
        unsubscribe = await o.eventSource.subscribe('wakeUp', async (p) => {
          try {
            const r = await scheduler.requestRun({ tenantId: p.tenantId, integrationId: p.integrationId, flow: p.flow, trigger: 'wakeup' });
            o.log.info({ ...p, ...r }, 'wake-up');
          } catch (e) {
            o.log.error({ err: e, ...p }, 'wake-up failed');
          }
        });
      }
    },
    async stop(graceMs = 25_000) {
      if (stopped) return;
      stopped = true;
      if (refresh) clearInterval(refresh);
      await unsubscribe?.();
      abort.abort();
      const r = await agenda.drain(graceMs).catch(() => ({ timedOut: true, running: -1 }));
      if (r.timedOut) o.log.warn({ running: r.running }, 'shutdown grace period over; stale-run recovery will take over');
      await agenda.stop().catch(() => undefined);
      await locks.close();
    },
    requestRun: (input) => requestRun(o.db, agenda, input),
    async runAllOnce(trigger = 'heartbeat') {
      const flows = await o.db.integrationFlow.findMany({
        where: { enabled: true, integration: { enabled: true } },
        select: { integrationId: true, flow: true, integration: { select: { tenantId: true } } },
      });
      let n = 0;
      for (const f of flows) {
        if (!FLOWS.includes(f.flow as FlowId) || !o.flows[f.flow as FlowId]) continue;
        await scheduler.requestRun({ tenantId: f.integration.tenantId, integrationId: f.integrationId, flow: f.flow as FlowId, trigger });
        n++;
      }
      return n;
    },
    syncSchedules: () => syncSchedules(deps),
    recoverStaleRuns: () => recoverStaleRuns(deps),
    fetchFxRates: (date) => fetchFxRates(deps, date),
  };
  return scheduler;
}
