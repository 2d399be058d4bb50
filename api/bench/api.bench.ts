/**
 * API benchmark: `npx tsx api/bench/api.bench.ts` (DATABASE_URL = a PostgreSQL ≥ 14
 * admin URL, or an embedded server is started).
 *
 *  1. the studio's dashboard query under load: autocannon in a second process,
 *     BENCH_CONNECTIONS (20) connections for BENCH_DURATION_S (10) s → p50 / p99 / req/s;
 *  2. syncRunUpdated delivery to BENCH_SUBSCRIBERS (1000) graphql-ws subscribers held by
 *     a second process; events published over PostgreSQL NOTIFY by a separate bus (as
 *     the scheduler does); latency = publish → each subscriber's receipt → p50 / p99.
 *
 * One JSON object per line, then the summary `{"bench":"api",...}`.
 */
import { fork, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { startTestServer, TEST_PG_ADMIN_ENV, TEST_PG_TEMPLATE_ENV } from '@megzo/db/test-server';
import { createTestDatabase } from '@megzo/db/testing';
import { createPgEventBus } from '@megzo/db/events';
import { createSecretBox } from '@megzo/db/crypto';
import { buildApp } from '../src/app.ts';
import { createDeps } from '../src/create-deps.ts';
import { parseEnv } from '../src/env.ts';
import { seedTenant } from '../src/test/fixtures.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '20');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? '10');
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? '1000');
const EVENTS = Number(process.env.BENCH_EVENTS ?? '20');
const out = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const now = () => performance.timeOrigin + performance.now();
const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
function pct(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const DASHBOARD_QUERY = `query Dashboard($id: ID!, $since: DateTime!) {
  integration(id: $id) {
    id name enabled
    flows { id flow enabled intervalSeconds nextRunAt lastRunAt lastRun { id flow status trigger stage progressTotal progressDone countRead countCreated countUpdated countSkipped countFailed startedAt finishedAt createdAt errorMessage mappingVersion { id number mapping { id name } } } }
    activeRuns { id flow status stage progressDone progressTotal }
    recentErrors(limit: 8) { id recordKey message errorCategory createdAt run { id flow } }
    syncStats(since: $since) { at synced errors }
    ordersWaitingCount
    ordersAtRisk { id channelOrderId market status deadlineAt }
  }
}`;

async function main() {
  const server = await startTestServer({ databaseUrl: process.env.DATABASE_URL });
  process.env[TEST_PG_ADMIN_ENV] = server.adminUrl;
  process.env[TEST_PG_TEMPLATE_ENV] = server.template;
  const db = await createTestDatabase({ poolSize: 20 });
  const env = parseEnv({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
  const secrets = createSecretBox(randomBytes(32));
  const deps = createDeps(env, { prisma: db.prisma, bus: createPgEventBus(db.url), secrets });
  const app = buildApp(deps);
  await deps.events.start();
  const { url } = await app.start(0);
  const seeded = await seedTenant(db.prisma, secrets, 'bench');
  // A realistic history: 300 runs over the last day, with failed items and open orders.
  const flows = ['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns'] as const;
  for (let i = 0; i < 300; i++) {
    await db.prisma.syncRun.create({
      data: {
        tenantId: seeded.tenantId,
        integrationId: seeded.integrationId,
        flow: flows[i % flows.length]!,
        status: i % 10 === 0 ? 'PARTIAL' : 'SUCCEEDED',
        trigger: 'heartbeat',
        countRead: 100,
        countUpdated: 90,
        countFailed: i % 10 === 0 ? 3 : 0,
        createdAt: new Date(Date.now() - i * 290_000),
        items: i % 10 === 0 ? { create: [1, 2, 3].map((k) => ({ recordKey: `SKU-${i}-${k}`, action: 'update', status: 'FAILED' as const, message: 'rejected' })) } : undefined,
      },
    });
  }
  out({ phase: 'setup', url, runs: 301 });

  // 1. Dashboard under load from a second process.
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: { id: seeded.integrationId, since: new Date(Date.now() - 86_400_000).toISOString() } });
  const check = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${seeded.keys.readAll}` }, body });
  const checkBody = (await check.json()) as { errors?: unknown };
  if (checkBody.errors) throw new Error(`dashboard query failed: ${JSON.stringify(checkBody.errors)}`);
  const load = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load-child.ts', import.meta.url))], {
    env: { ...process.env, BENCH_URL: `${url}/graphql`, BENCH_BODY: body, BENCH_API_KEY: seeded.keys.readAll, BENCH_CONNECTIONS: String(CONNECTIONS), BENCH_DURATION_S: String(DURATION_S) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let loadOut = '';
  load.stdout!.on('data', (c: Buffer) => (loadOut += c.toString()));
  await new Promise((r) => load.once('exit', r));
  const dash = JSON.parse(loadOut.trim().split('\n').pop()!) as { requests: number; rps: number; p50Ms: number; p99Ms: number; maxMs: number; non2xx: number; errors: number };
  out({ phase: 'dashboard', connections: CONNECTIONS, durationS: DURATION_S, ...dash });

  // 2. syncRunUpdated to many graphql-ws subscribers in a second process.
  const child = fork(fileURLToPath(new URL('./subscribers-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_WS_URL: `${url.replace('http', 'ws')}/graphql`, BENCH_API_KEY: seeded.keys.readAll, BENCH_INTEGRATION_ID: seeded.integrationId, BENCH_SUBSCRIBERS: String(SUBSCRIBERS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters = new Map<string, (times: number[]) => void>();
  child.on('message', (m: { type: string; runId?: string; times?: number[]; message?: string }) => {
    if (m.type === 'event' && m.runId) waiters.get(m.runId)?.(m.times!);
    if (m.type === 'error') process.stderr.write(`subscriber error: ${m.message}\n`);
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  const scheduler = createPgEventBus(db.url);
  const newRun = () =>
    db.prisma.syncRun.create({ data: { tenantId: seeded.tenantId, integrationId: seeded.integrationId, flow: 'stock', status: 'RUNNING', trigger: 'manual', stage: 'stock.push' } });
  const deliver = async (timeoutMs: number) => {
    const run = await newRun();
    const got = new Promise<number[] | null>((resolve) => {
      waiters.set(run.id, resolve);
      setTimeout(() => resolve(null), timeoutMs).unref();
    });
    const t0 = now();
    await scheduler.publish('syncRunUpdated', { tenantId: seeded.tenantId, integrationId: seeded.integrationId, runId: run.id, flow: 'stock', status: 'running', stage: 'stock.push' });
    const times = await got;
    waiters.delete(run.id);
    return times ? times.map((t) => t - t0) : null;
  };
  let ready = false;
  for (let i = 0; i < 120 && !ready; i++) ready = (await deliver(1_000)) !== null;
  if (!ready) throw new Error(`the ${SUBSCRIBERS} subscribers did not all receive a probe event within 2 minutes`);
  const latencies: number[] = [];
  const perEventP99: number[] = [];
  for (let e = 0; e < EVENTS; e++) {
    const l = await deliver(30_000);
    if (!l) throw new Error(`event ${e} did not reach all ${SUBSCRIBERS} subscribers within 30 s`);
    latencies.push(...l);
    perEventP99.push(pct(l, 99)!);
  }
  const sub = {
    subscribers: SUBSCRIBERS,
    events: EVENTS,
    deliveries: latencies.length,
    p50Ms: round(pct(latencies, 50)),
    p99Ms: round(pct(latencies, 99)),
    maxMs: round(Math.max(...latencies)),
    medianOfEventP99Ms: round(pct(perEventP99, 50)),
  };
  out({ phase: 'subscriptions', ...sub });
  child.send({ type: 'close' });
  await new Promise((r) => child.once('exit', r));
  await scheduler.close();

  out({
    bench: 'api',
    dashboardP50Ms: dash.p50Ms,
    dashboardP99Ms: dash.p99Ms,
    dashboardRps: dash.rps,
    dashboardErrors: dash.errors + dash.non2xx,
    subscribers: SUBSCRIBERS,
    syncRunUpdatedP50Ms: sub.p50Ms,
    syncRunUpdatedP99Ms: sub.p99Ms,
  });
  await app.stop();
  await deps.events.close();
  await deps.jobs.close();
  await db.drop();
  await server.stop();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`api bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
