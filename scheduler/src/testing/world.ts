/**
 * Integration-test world: a fresh migrated database, the sandbox systems, one
 * tenant with an integration (Charisma → two CDON merchants, DHL, BNR), the
 * default mappings published, and helpers to start engines and wait for runs.
 */
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from '@megzo/db/testing';
import { createConnection } from '@megzo/db/repositories/connections.repo';
import { createPgEventBus, type EventBus } from '@megzo/db/events';
import { getConnector } from '@megzo/connectors/registry';
import { DEFAULT_MAPPINGS, hashContent } from '@megzo/mapping';
import { startSandbox, SANDBOX_CREDENTIALS, type Sandbox, type SandboxOptions } from '@megzo/sandbox';
import type { FlowId } from '@megzo/domain';
import type { FlowOptions } from '../engine/context.ts';
import { registryConnectorFactory } from '../engine/connector-factory.ts';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../engine/scheduler.ts';
import { FLOW_DEFINITIONS } from '../flows/registry.ts';

export interface World {
  db: TestDatabase;
  sandbox: Sandbox;
  bus: EventBus;
  tenantId: string;
  integrationId: string;
  conn: { erp: string; cdonA: string; cdonB?: string; dhl: string; bnr: string };
  mappings: { catalog: string; salesOrder: string };
  engine(opts?: Partial<SchedulerOptions>): Scheduler;
  run(s: Scheduler, flow: FlowId, timeoutMs?: number): Promise<RunRow>;
  waitRun(runId: string, timeoutMs?: number): Promise<RunRow>;
  control(system: 'cdon' | 'charisma' | 'dhl' | 'fx', method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export type RunRow = NonNullable<Awaited<ReturnType<TestDatabase['prisma']['syncRun']['findUnique']>>>;

export const testLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const FAST_FLOW_OPTIONS: Partial<FlowOptions> = { statusPollIntervalMs: 100, statusPollTimeoutMs: 30_000 };

export interface WorldOptions {
  products?: number;
  twoChannels?: boolean;
  sandbox?: Partial<SandboxOptions>;
  flows?: FlowId[];
  cdon?: Record<string, unknown>;
  charisma?: Record<string, unknown>;
}

async function connection(db: TestDatabase, tenantId: string, connectorId: string, name: string, config: Record<string, unknown>): Promise<string> {
  const c = await createConnection(db.prisma, { tenantId, connectorId, name, config }, { secretFields: getConnector(connectorId).secretFields });
  return c.id;
}

export async function createWorld(o: WorldOptions = {}): Promise<World> {
  const db = await createTestDatabase({ poolSize: 20 });
  const sandbox = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: o.products ?? 20, articleProcessingDelayMs: 0, ...o.sandbox });
  const bus = createPgEventBus(db.url);
  const p = db.prisma;
  const tenant = await p.tenant.create({ data: { name: 'Test tenant', slug: `t-${Date.now().toString(36)}` } });
  const [mA, mB] = SANDBOX_CREDENTIALS.cdon.merchants;
  const cdonCfg = (m: typeof mA) => ({ baseUrl: `${sandbox.urls.cdon}/api`, merchantId: m!.merchantId, token: m!.token, requestsPerSecond: 100, maxConcurrent: 4, ...o.cdon });
  const conn = {
    erp: await connection(db, tenant.id, 'erp-charisma', 'Charisma', {
      baseUrl: sandbox.urls.charisma,
      authMode: 'oauth',
      clientId: SANDBOX_CREDENTIALS.charisma.clientId,
      clientSecret: SANDBOX_CREDENTIALS.charisma.clientSecret,
      requestsPerSecond: 500,
      pageSize: 500,
      ...o.charisma,
    }),
    cdonA: await connection(db, tenant.id, 'marketplace-cdon', 'CDON A', cdonCfg(mA)),
    cdonB: o.twoChannels ? await connection(db, tenant.id, 'marketplace-cdon', 'CDON B', cdonCfg(mB)) : undefined,
    dhl: await connection(db, tenant.id, 'courier-dhl', 'DHL', {
      baseUrl: `${sandbox.urls.dhl}/mydhlapi/test`,
      trackingBaseUrl: `${sandbox.urls.dhl}/track`,
      username: SANDBOX_CREDENTIALS.dhl.username,
      password: SANDBOX_CREDENTIALS.dhl.password,
      accountNumber: SANDBOX_CREDENTIALS.dhl.accountNumber,
      shipper: { companyName: 'Exemplu Distributie SRL', fullName: 'Ion Popescu', phone: '+40211234567', addressLine1: 'Str. Exemplu 1', postalCode: '010101', cityName: 'Bucuresti', countryCode: 'RO' },
      requestsPerSecond: 50,
    }),
    bnr: await connection(db, tenant.id, 'fx-bnr', 'BNR', { baseUrls: [`${sandbox.urls.fx}/bnr`] }),
  };
  const mapping = async (key: 'catalog' | 'salesOrder') => {
    const d = DEFAULT_MAPPINGS[key];
    const m = await p.mapping.create({ data: { tenantId: tenant.id, name: d.name, flow: d.flow, sourceKind: d.sourceKind, targetKind: d.targetKind } });
    const v = await p.mappingVersion.create({
      data: { mappingId: m.id, number: 1, status: 'PUBLISHED', content: d.content as object, contentHash: hashContent(d.content), publishedAt: new Date() },
    });
    await p.mapping.update({ where: { id: m.id }, data: { publishedVersionId: v.id } });
    return m.id;
  };
  const mappings = { catalog: await mapping('catalog'), salesOrder: await mapping('salesOrder') };
  const integration = await p.integration.create({
    data: {
      tenantId: tenant.id,
      name: 'Charisma ↔ CDON',
      erpConnectionId: conn.erp,
      courierConnectionId: conn.dhl,
      fxConnectionId: conn.bnr,
      channels: {
        create: [
          { connectionId: conn.cdonA, markets: ['SE', 'DK', 'FI', 'NO'] },
          ...(conn.cdonB ? [{ connectionId: conn.cdonB, markets: ['SE', 'DK', 'FI', 'NO'] }] : []),
        ],
      },
      flows: {
        create: (o.flows ?? (['catalog', 'stock', 'orders'] as FlowId[])).map((flow) => ({
          flow,
          intervalSeconds: 300,
          mappingId: flow === 'catalog' ? mappings.catalog : flow === 'orders' ? mappings.salesOrder : null,
        })),
      },
    },
  });

  const engines: Scheduler[] = [];
  const world: World = {
    db,
    sandbox,
    bus,
    tenantId: tenant.id,
    integrationId: integration.id,
    conn,
    mappings,
    engine(opts = {}) {
      const s = createScheduler({
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
