/**
 * CDON simulator throughput. The server runs in a child process; this process drives the load
 * over loopback (node:http keep-alive agent). Prints one JSON object per line, then a summary line.
 *   npx tsx packages/sandbox/bench/sandbox.bench.ts   (env BENCH_SECONDS, BENCH_CONNECTIONS)
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request as httpRequest } from 'node:http';
import { SANDBOX_CREDENTIALS } from '../src/credentials.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PRODUCTS = 1000;
const merchant: { merchantId: string; token: string } = SANDBOX_CREDENTIALS.cdon.merchants[0] ?? { merchantId: '', token: '' };
const auth = `Basic ${Buffer.from(`${merchant.merchantId}:${merchant.token}`).toString('base64')}`;

function emit(o: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

async function startChild(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./cdon-server.ts', import.meta.url))], {
    env: { ...process.env, BENCH_PRODUCTS: String(PRODUCTS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

interface Reply {
  statusCode: number;
  body: { json(): Promise<unknown> };
}

/** Minimal keep-alive HTTP client over node:http. */
function makeClient(base: string, connections: number): { request(o: { path: string; method: string; headers?: Record<string, string>; body?: string }): Promise<Reply>; close(): Promise<void> } {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return {
    request: (o) => new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: o.path, method: o.method, headers: o.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ statusCode: res.statusCode ?? 0, body: { json: async () => JSON.parse(text) as unknown } });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(o.body);
    }),
    close: async () => agent.destroy(),
  };
}

interface PhaseResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** Run `worker` on CONNECTIONS concurrent loops for SECONDS. */
async function phase(worker: (i: number) => Promise<boolean>): Promise<PhaseResult> {
  const end = performance.now() + SECONDS * 1000;
  let requests = 0;
  let errors = 0;
  const latenciesMs: number[] = [];
  let counter = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < end) {
      const s = performance.now();
      const ok = await worker(counter++).catch(() => false);
      latenciesMs.push(performance.now() - s);
      requests += 1;
      if (!ok) errors += 1;
    }
  }));
  return { requests, errors, seconds: (performance.now() - t0) / 1000, latenciesMs };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
}

async function main(): Promise<void> {
  const server = await startChild();
  const pool = makeClient(server.url, CONNECTIONS);
  const headers = { authorization: auth, 'content-type': 'application/json' };
  try {
    const sku = (i: number): string => `ART-${String((i % PRODUCTS) + 1).padStart(6, '0')}`;
    // 1. Article updates: PUT /api/v2/articles/bulk with 100 quantity/price actions per request.
    const BATCH = 100;
    let accepted = 0;
    const bulk = await phase(async (n) => {
      const actions = Array.from({ length: BATCH }, (_, k) => {
        const i = n * BATCH + k;
        return i % 2 === 0
          ? { sku: sku(i), action: 'update_article_quantity', body: { quantity: i % 500 } }
          : { sku: sku(i), action: 'update_article_price', body: { price: [{ market: 'SE', value: { amount_including_vat: 100 + (i % 900), currency: 'SEK', vat_rate: 0.25 } }] } };
      });
      const r = await pool.request({ path: '/api/v2/articles/bulk', method: 'PUT', headers, body: JSON.stringify({ actions }) });
      const body = (await r.body.json()) as { success?: unknown[] };
      accepted += body.success?.length ?? 0;
      return r.statusCode === 202;
    });
    const articleUpdatesPerS = Math.round(accepted / bulk.seconds);
    emit({ phase: 'article_updates_bulk', batch: BATCH, requests: bulk.requests, errors: bulk.errors, accepted_actions: accepted, requests_per_s: Math.round(bulk.requests / bulk.seconds), article_updates_per_s: articleUpdatesPerS, p50_ms: pct(bulk.latenciesMs, 50), p99_ms: pct(bulk.latenciesMs, 99) });

    // Check the updates are really applied (async processing runs on the next request).
    await pool.request({ path: '/api/v2/articles/bulk', method: 'PUT', headers, body: JSON.stringify({ actions: [{ sku: sku(0), action: 'update_article_quantity', body: { quantity: 4242 } }] }) }).then((r) => r.body.json());
    const drained = (await (await pool.request({ path: '/_sandbox/process', method: 'POST' })).body.json()) as { pending: number };
    const check = await pool.request({ path: `/_sandbox/articles?sku=${sku(0)}&merchant=${merchant.merchantId}`, method: 'GET' });
    const art = ((await check.body.json()) as { articles: Array<{ quantity: number }> }).articles[0];
    emit({ phase: 'verify_applied', pending_after: drained.pending, sku: sku(0), quantity: art?.quantity ?? null, expected: 4242 });

    // 2. Single-article updates (one action per request): the worst case.
    let single = 0;
    const one = await phase(async (n) => {
      const r = await pool.request({ path: '/api/v2/articles/bulk', method: 'PUT', headers, body: JSON.stringify({ actions: [{ sku: sku(n), action: 'update_article_quantity', body: { quantity: n % 100 } }] }) });
      const body = (await r.body.json()) as { success?: unknown[] };
      single += body.success?.length ?? 0;
      return r.statusCode === 202;
    });
    emit({ phase: 'article_updates_single', requests: one.requests, errors: one.errors, article_updates_per_s: Math.round(single / one.seconds), p50_ms: pct(one.latenciesMs, 50), p99_ms: pct(one.latenciesMs, 99) });

    // 3. Order reads: seed 1,000 orders, then GET /api/v1/orders/{id}.
    const ids: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const r = await pool.request({ path: '/_sandbox/orders', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: sku(i), quantity: 1, market: (['SE', 'DK', 'FI', 'NO'] as const)[i % 4] }) });
      const o = (await r.body.json()) as { id?: string };
      if (o.id) ids.push(o.id);
    }
    emit({ phase: 'seed_orders', orders: ids.length });
    const reads = await phase(async (n) => {
      const r = await pool.request({ path: `/api/v1/orders/${ids[n % ids.length]}`, method: 'GET', headers: { authorization: auth } });
      await r.body.json();
      return r.statusCode === 200;
    });
    const orderReadsPerS = Math.round((reads.requests - reads.errors) / reads.seconds);
    emit({ phase: 'order_reads', requests: reads.requests, errors: reads.errors, order_reads_per_s: orderReadsPerS, p50_ms: pct(reads.latenciesMs, 50), p99_ms: pct(reads.latenciesMs, 99) });

    // 4. Order list pages of 100 (each page is 100 order reads).
    const pages = await phase(async (n) => {
      const r = await pool.request({ path: `/api/v1/orders/?state=CREATED&limit=100&page=${(n % 10) + 1}`, method: 'GET', headers: { authorization: auth } });
      await r.body.json();
      return r.statusCode === 200;
    });
    emit({ phase: 'order_list_pages', requests: pages.requests, errors: pages.errors, pages_per_s: Math.round(pages.requests / pages.seconds), orders_listed_per_s: Math.round((pages.requests * 100) / pages.seconds), p50_ms: pct(pages.latenciesMs, 50), p99_ms: pct(pages.latenciesMs, 99) });

    emit({ bench: 'sandbox', article_updates_per_s: articleUpdatesPerS, order_reads_per_s: orderReadsPerS, seconds_per_phase: SECONDS, connections: CONNECTIONS });
  } finally {
    await pool.close();
    await server.stop();
  }
}

await main();
