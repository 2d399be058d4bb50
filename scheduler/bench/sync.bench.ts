/**
 * Sync-engine benchmark: `npx tsx scheduler/bench/sync.bench.ts`.
 *
 * The scheduler under test is the real entry point (src/main.ts) in a child
 * process; the sandbox and PostgreSQL run in other processes; this script seeds,
 * triggers runs through wakeUp events (as the API does), watches the SyncRun rows
 * and samples the scheduler's RSS from /proc.
 *
 * Phases (one JSON object per line, then a `{"bench":"sync",...}` summary):
 *  1. full catalog publish of BENCH_SKUS products (default 100 000): wall time,
 *     CDON requests, peak RSS of the scheduler (must stay under 300 MB);
 *  2. incremental publish after 1 % of the items change: time and requests;
 *  3. order latency, CDON order → ERP sales order, p50/p95, on the orders heartbeat
 *     (BENCH_HEARTBEAT_S, default 60) and with a wake-up event;
 *  4. stock latency, order on one channel → new quantity on the other, p95.
 *
 * Quick run: BENCH_SKUS=2000 BENCH_HEARTBEAT_S=10 BENCH_ORDERS=5 npx tsx scheduler/bench/sync.bench.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TEST_PG_ADMIN_ENV, TEST_PG_TEMPLATE_ENV } from '@megzo/db/test-server';
import { createTestDatabase, type TestDatabase } from '@megzo/db/testing';
import { createPgEventBus, type EventBus } from '@megzo/db/events';
import type { FlowId } from '@megzo/domain';
import { seedTenant, type SandboxUrls, type SeededTenant } from '../src/testing/seed.ts';
import { SCHEDULER_NODE_FLAGS } from '../src/runtime-flags.ts';

const SKUS = Number(process.env.BENCH_SKUS ?? '100000');
const HEARTBEAT_S = Number(process.env.BENCH_HEARTBEAT_S ?? '60');
const ORDERS = Number(process.env.BENCH_ORDERS ?? '20');
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const out = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TERMINAL = ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'];

function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Starts a helper script in its own process and reads its one-line JSON greeting. */
async function startChild<T>(script: string, env: Record<string, string>): Promise<{ info: T; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (c) => reject(new Error(`${script} exited (${c})`)));
  });
  return { info: JSON.parse(line) as T, child };
}

/** The scheduler: src/main.ts with its production settings, RSS sampled from /proc. */
function startScheduler(databaseUrl: string, name: string) {
  // V8 limits for a small, steady footprint (the same flags suit production; see README).
  const v8 = process.env.BENCH_SCHEDULER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [...SCHEDULER_NODE_FLAGS];
  const child = spawn(process.execPath, [...v8, '--import', 'tsx', MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUN_ON_START: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', SCHEDULER_NAME: name, AGENDA_PROCESS_EVERY: '1 second', SCHEDULE_REFRESH_SECONDS: '2' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Ready once it logged "scheduler started" (Agenda up, wakeUp subscription active).
  const ready = new Promise<void>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line.includes('scheduler started')) resolve();
      if (process.env.BENCH_LOG_LEVEL) process.stderr.write(`${line}\n`);
    });
    child.once('exit', (c) => reject(new Error(`scheduler exited (${c})`)));
  });
  let peakKb = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, rss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(sample, 100);
  const rssMB = () => {
    try {
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
    } catch {
      return 0;
    }
  };
  return {
    child,
    ready,
    rssMB,
    peakMB: () => (sample(), Math.round(peakKb / 1024)),
    async stop() {
      clearInterval(timer);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function control(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Wakes a flow as the API would and waits for the run it produced. */
async function wakeAndWait(db: TestDatabase, bus: EventBus, w: SeededTenant, flow: FlowId, timeoutMs = 3_600_000) {
  const since = new Date();
  await bus.publish('wakeUp', { tenantId: w.tenantId, integrationId: w.integrationId, flow, reason: 'bench' });
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await db.prisma.syncRun.findFirst({ where: { integrationId: w.integrationId, flow, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' } });
    if (r && TERMINAL.includes(r.status)) return r;
    if (Date.now() > end) throw new Error(`${flow} run did not finish`);
    await sleep(250);
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const pg = await startChild<{ adminUrl: string; template: string }>('./db-child.ts', {});
  process.env[TEST_PG_ADMIN_ENV] = pg.info.adminUrl;
  process.env[TEST_PG_TEMPLATE_ENV] = pg.info.template;
  const stops: Array<() => Promise<unknown>> = [];
  const summary: Record<string, unknown> = { bench: 'sync', skus: SKUS, heartbeatSeconds: HEARTBEAT_S, orders: ORDERS };
  try {
    // ---------------------------------------------------------------- catalog
    const big = await startChild<{ sandbox: SandboxUrls }>('./sandbox-child.ts', { BENCH_SANDBOX_PRODUCTS: String(SKUS) });
    stops.push(async () => big.child.kill('SIGTERM'));
    const db = await createTestDatabase({ poolSize: 5 });
    stops.push(() => db.drop());
    const bus = createPgEventBus(db.url);
    stops.push(() => bus.close());
    const world = await seedTenant(db.prisma, big.info.sandbox, { flows: ['catalog'], cdon: { requestsPerSecond: 100, maxConcurrent: 4 } });
    const counts = async () => (await control(big.info.sandbox.cdon, 'GET', '/_sandbox/bench-counts')) as Record<string, number>;
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    const sched = startScheduler(db.url, 'bench-catalog');
    stops.unshift(() => sched.stop());
    await sched.ready;
    await sleep(1000);
    out({ phase: 'scheduler-idle', rssMB: sched.rssMB(), nodeFlags: process.env.BENCH_SCHEDULER_NODE_FLAGS ?? SCHEDULER_NODE_FLAGS.join(' ') });

    let t = Date.now();
    const full = await wakeAndWait(db, bus, world, 'catalog');
    const fullCounts = await counts();
    const fullLine = {
      phase: 'catalog-full',
      skus: SKUS,
      status: full.status,
      wallMs: Date.now() - t,
      runMs: full.finishedAt!.getTime() - full.startedAt!.getTime(),
      created: full.countCreated,
      failed: full.countFailed,
      requests: total(fullCounts),
      requestsByRoute: fullCounts,
      articlesPerSecond: Math.round((full.countCreated / (full.finishedAt!.getTime() - full.startedAt!.getTime())) * 1000),
      schedulerPeakRssMB: sched.peakMB(),
      schedulerRssAfterMB: sched.rssMB(),
    };
    out(fullLine);

    // ------------------------------------------------------------ incremental
    const changed = Math.max(1, Math.round(SKUS / 100));
    const stride = Math.floor(SKUS / changed);
    for (let i = 0; i < changed; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, changed - i) }, (_, k) =>
          control(big.info.sandbox.charisma, 'PATCH', `/_sandbox/items/ART-${String(1 + (i + k) * stride).padStart(6, '0')}`, { priceNet: `${100 + ((i + k) % 500)}.${String((i + k) % 100).padStart(2, '0')}` }),
        ),
      );
    }
    await control(big.info.sandbox.cdon, 'POST', '/_sandbox/bench-reset');
    t = Date.now();
    const inc = await wakeAndWait(db, bus, world, 'catalog');
    const incCounts = await counts();
    const incLine = {
      phase: 'catalog-incremental',
      changedItems: changed,
      status: inc.status,
      wallMs: Date.now() - t,
      runMs: inc.finishedAt!.getTime() - inc.startedAt!.getTime(),
      updated: inc.countUpdated,
      requests: total(incCounts),
      requestsByRoute: incCounts,
      schedulerPeakRssMB: sched.peakMB(),
    };
    out(incLine);
    await sched.stop();
    stops.shift();

    // ---------------------------------------------------------------- latency
    const small = await startChild<{ sandbox: SandboxUrls }>('./sandbox-child.ts', { BENCH_SANDBOX_PRODUCTS: '50' });
    stops.push(async () => small.child.kill('SIGTERM'));
    const urls = small.info.sandbox;
    const db2 = await createTestDatabase({ poolSize: 5 });
    stops.push(() => db2.drop());
    const bus2 = createPgEventBus(db2.url);
    stops.push(() => bus2.close());
    const w2 = await seedTenant(db2.prisma, urls, { flows: ['catalog', 'stock', 'orders'], twoChannels: true, intervalSeconds: HEARTBEAT_S });
    await db2.prisma.integrationFlow.updateMany({ where: { integrationId: w2.integrationId, flow: { not: 'orders' } }, data: { intervalSeconds: 3600 } });
    const sched2 = startScheduler(db2.url, 'bench-latency');
    stops.unshift(() => sched2.stop());
    await sched2.ready;
    for (const flow of ['catalog', 'stock'] as FlowId[]) await wakeAndWait(db2, bus2, w2, flow, 300_000);
    const skus = (await db2.prisma.stockLevel.findMany({ where: { available: { gte: 40 } }, orderBy: { available: 'desc' } })).map((s) => s.sku);
    let n = 0;
    const placeOrder = async (merchant: string) => {
      const sku = skus[n++ % skus.length]!;
      const o = (await control(urls.cdon, 'POST', '/_sandbox/orders', { sku, quantity: 1, market: 'SE', merchant })) as { id: string };
      return { id: o.id, sku, at: Date.now() };
    };
    const waitErp = async (id: string, timeoutMs: number) => {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const r = (await control(urls.charisma, 'GET', `/_sandbox/sales-orders?externalRef=CDON-SE-${id}`)) as { salesOrders: unknown[] };
        if (r.salesOrders.length) return Date.now();
        await sleep(50);
      }
      return null;
    };

    const hb = await Promise.all(
      Array.from({ length: ORDERS }, async () => {
        await sleep(Math.random() * HEARTBEAT_S * 2000);
        const o = await placeOrder('Nordic Store A');
        const done = await waitErp(o.id, HEARTBEAT_S * 3000 + 30_000);
        return done === null ? null : done - o.at;
      }),
    );
    const hbOk = hb.filter((x): x is number => x !== null);
    const hbLine = { phase: 'order-latency-heartbeat', heartbeatSeconds: HEARTBEAT_S, orders: ORDERS, completed: hbOk.length, p50Ms: pct(hbOk, 50), p95Ms: pct(hbOk, 95), maxMs: pct(hbOk, 100) };
    out(hbLine);

    const wake: number[] = [];
    const stock: number[] = [];
    const qtyOn = async (merchant: string, sku: string) =>
      ((await control(urls.cdon, 'GET', `/_sandbox/articles?merchant=${encodeURIComponent(merchant)}&sku=${sku}`)) as { articles: Array<{ quantity: number }> }).articles[0]?.quantity;
    for (let i = 0; i < ORDERS; i++) {
      const before = await qtyOn('Nordic Store B', skus[n % skus.length]!);
      const o = await placeOrder('Nordic Store A');
      await bus2.publish('wakeUp', { tenantId: w2.tenantId, integrationId: w2.integrationId, flow: 'orders', reason: 'bench: new order' });
      const stockDone = (async () => {
        const end = Date.now() + 60_000;
        while (Date.now() < end) {
          if ((await qtyOn('Nordic Store B', o.sku)) !== before) return Date.now() - o.at;
          await sleep(25);
        }
        return null;
      })();
      const erpAt = await waitErp(o.id, 60_000);
      if (erpAt !== null) wake.push(erpAt - o.at);
      const s = await stockDone;
      if (s !== null) stock.push(s);
    }
    const wakeLine = { phase: 'order-latency-wakeup', orders: ORDERS, completed: wake.length, p50Ms: pct(wake, 50), p95Ms: pct(wake, 95) };
    out(wakeLine);
    const stockLine = { phase: 'stock-latency', orders: ORDERS, completed: stock.length, p50Ms: pct(stock, 50), p95Ms: pct(stock, 95), note: 'order on CDON merchant A → new quantity visible on merchant B, incl. CDON async processing (200 ms)' };
    out(stockLine);

    Object.assign(summary, {
      fullPublishStatus: fullLine.status,
      fullPublishMs: fullLine.wallMs,
      fullPublishRequests: fullLine.requests,
      schedulerPeakRssMB: fullLine.schedulerPeakRssMB,
      rssUnder300MB: fullLine.schedulerPeakRssMB < 300,
      incrementalMs: incLine.wallMs,
      incrementalRequests: incLine.requests,
      incrementalUpdated: incLine.updated,
      orderLatencyHeartbeatP50Ms: hbLine.p50Ms,
      orderLatencyHeartbeatP95Ms: hbLine.p95Ms,
      orderLatencyWakeupP50Ms: wakeLine.p50Ms,
      orderLatencyWakeupP95Ms: wakeLine.p95Ms,
      stockLatencyP95Ms: stockLine.p95Ms,
      totalMs: Date.now() - t0,
    });
  } finally {
    for (const s of stops) await s().catch(() => undefined);
    pg.child.kill('SIGTERM');
    await new Promise((r) => pg.child.once('exit', r));
  }
  out(summary);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
