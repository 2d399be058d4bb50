/**
 * Integration-test world: a fresh migrated database, the sandbox systems, one
 * tenant with an integration (Charisma → two CDON merchants, DHL, BNR), the
 * default mappings published, and helpers to start engines and wait for runs.
 */
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from '@megzo/db/testing';
import { createPgEventBus, type EventBus } from '@megzo/db/events';
import { startSandbox, type Sandbox, type SandboxOptions } from '@megzo/sandbox';
import type { FlowId } from '@megzo/domain';
import type { FlowOptions } from '../engine/context.ts';
import { registryConnectorFactory } from '../engine/connector-factory.ts';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../engine/scheduler.ts';
import { FLOW_DEFINITIONS } from '../flows/registry.ts';
import { seedTenant, type WorldOptions as SeedOptions } from './seed.ts';

export type { SandboxUrls } from './seed.ts';

export interface WorldOptions extends SeedOptions {
  sandbox?: Partial<SandboxOptions>;
}

export interface World {
  db: TestDatabase;
  sandbox: Sandbox;
  bus: EventBus;
  tenantId: string;
  integrationId: string;
  conn: { erp: string; cdonA: string; cdonB?: string; dhl: string; bnr: string };
  mappings: { catalog: string; salesOrder: string };
  engine(opts?: Partial<SchedulerOptions>): Promise<Scheduler>;
  run(s: Scheduler, flow: FlowId, timeoutMs?: number): Promise<RunRow>;
  waitRun(runId: string, timeoutMs?: number): Promise<RunRow>;
  control(system: 'cdon' | 'charisma' | 'dhl' | 'fx', method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export type RunRow = NonNullable<Awaited<ReturnType<TestDatabase['prisma']['syncRun']['findUnique']>>>;

export const testLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const FAST_FLOW_OPTIONS: Partial<FlowOptions> = { statusPollIntervalMs: 100, statusPollTimeoutMs: 30_000 };



export async function createWorld(o: WorldOptions = {}): Promise<World> {
  const db = await createTestDatabase({ poolSize: 20 });
  const sandbox = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: o.products ?? 20, articleProcessingDelayMs: 0, ...o.sandbox });
  const bus = createPgEventBus(db.url);
  const p = db.prisma;
  const seeded = await seedTenant(p, sandbox.urls, o);
  const tenant = { id: seeded.tenantId };
  const integration = { id: seeded.integrationId };
  const { conn, mappings } = seeded;

  const engines: Scheduler[] = [];
  const world: World = {
    db,
    sandbox,
    bus,
    tenantId: tenant.id,
    integrationId: integration.id,
    conn,
    mappings,
    async engine(opts = {}) {
      const s = await createScheduler({
        db: p,
        databaseUrl: db.url,
        factory: registryConnectorFactory(p),
        events: bus,
        flows: FLOW_DEFINITIONS,
        log: testLog,
        processEvery: '1 second',
        schedule: false,
        staleRunSeconds: 30,
        runHeartbeatSeconds: 2,
        flowOptions: FAST_FLOW_OPTIONS,
        ...opts,
      });
      engines.push(s);
      return s;
    },
    async waitRun(runId, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const r = await p.syncRun.findUnique({ where: { id: runId } });
        if (r && ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'].includes(r.status)) return r;
        if (Date.now() > end) throw new Error(`run ${runId} still ${r?.status} (stage ${r?.stage}) after ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, 100));
      }
    },
    async run(s, flow, timeoutMs) {
      const { runId } = await s.requestRun({ tenantId: tenant.id, integrationId: integration.id, flow, trigger: 'manual' });
      return world.waitRun(runId, timeoutMs);
    },
    async control(system, method, path, body) {
      const res = await fetch(`${sandbox.urls[system]}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async close() {
      await Promise.allSettled(engines.map((e) => e.stop(5_000)));
      await bus.close().catch(() => undefined);
      await sandbox.close();
      await db.drop();
    },
  };
  return world;
}
