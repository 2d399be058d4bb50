/**
 * Connectors benchmark. The sandbox runs in a child process so only the reading process is
 * measured. Prints one JSON object per line and ends with {"bench":"connectors",...}.
 *
 *   npx tsx packages/connectors/bench/connectors.bench.ts [--items 100000] [--articles 5000] [--rounds 3]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
// only the credentials module: the simulators (fastify, faker, pdf-lib) run in the child process
import { SANDBOX_CREDENTIALS } from '@megzo/sandbox/credentials';
import { charismaConnector } from '../src/erp-charisma/index.ts';
import { cdonConnector } from '../src/marketplace-cdon/index.ts';
import { LimiterRegistry } from '../src/kit/limiter.ts';
import { nodeFetch } from '../src/kit/transport.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const ITEMS = arg('items', 100_000);
const ARTICLES = arg('articles', 10_000);
const ROUNDS = arg('rounds', 5);
const CONCURRENCY = 4;
const RSS_LIMIT_MB = 200;

const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function startSandboxChild(products: number): Promise<{ urls: Record<string, string>; child: ChildProcess }> {
  const main = fileURLToPath(new URL('../../sandbox/src/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: { ...process.env, SANDBOX_PORT_CDON: '0', SANDBOX_PORT_CHARISMA: '0', SANDBOX_PORT_DHL: '0', SANDBOX_PORT_FX: '0', SANDBOX_PRODUCTS: String(products), SANDBOX_SEED: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { sandbox?: Record<string, string> };
        if (parsed.sandbox) resolve(parsed.sandbox);
      } catch {
        /* not the URL line */
      }
    });
  });
  return { urls, child };
}

async function benchItemsRead(charismaUrl: string) {
  const C = SANDBOX_CREDENTIALS.charisma;
  const erp = charismaConnector.open({ baseUrl: charismaUrl, clientId: C.clientId, clientSecret: C.clientSecret, pageSize: 500, requestsPerSecond: 1000 }, { limiters: new LimiterRegistry() });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  let records = 0;
  let errors = 0;
  let checkpoints = 0;
  // 53-bit FNV-1a hashes instead of the key strings: duplicate detection costs ~2 MB, not ~10 MB
  const seen = new Set<number>();
  let duplicates = 0;
  for await (const m of erp.read('items', null, { pageSize: 500 })) {
    if (m.type === 'record') {
      records++;
      const h = hash53(m.key);
      if (seen.has(h)) duplicates++;
      else seen.add(h);
    } else if (m.type === 'recordError') errors++;
    else if (m.type === 'checkpoint') checkpoints++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const heap = process.memoryUsage();
  return {
    records,
    errors,
    duplicates,
    checkpoints,
    seconds: Math.round(seconds * 100) / 100,
    recordsPerSec: Math.round(records / seconds),
    peakRssMb: mb(peak),
    rssBeforeMb: mb(rssBefore),
    heapUsedEndMb: mb(heap.heapUsed),
    heapTotalEndMb: mb(heap.heapTotal),
  };
}

function hash53(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h2 & 0x1fffff) * 0x100000000 + h1;
}

function articles(prefix: string, n: number): Array<Record<string, unknown>> {
  const fixture = fileURLToPath(new URL('../../../../shared/specs/fixtures/cdon/article-bulk-create-request.json', import.meta.url));
  let base: Record<string, unknown>;
  try {
    base = (JSON.parse(readFileSync(fixture, 'utf8')) as { articles: Array<Record<string, unknown>> }).articles[0]!;
  } catch {
    base = {
      status: 'for sale', quantity: 10, main_image: 'https://example.com/a.jpg', markets: ['SE'],
      title: [{ language: 'sv-SE', value: 'Titel på svenska' }], description: [{ language: 'sv-SE', value: 'Beskrivning på svenska' }],
      price: [{ market: 'SE', value: { amount_including_vat: 199, currency: 'SEK', vat_rate: 0.25 } }], shipping_time: [{ market: 'SE', min: 1, max: 3 }],
    };
  }
  const { category: _c, ...rest } = base;
  return Array.from({ length: n }, (_, i) => ({ ...rest, sku: `${prefix}-${i}` }));
}

/** What the sandbox sustains: raw bulk POSTs of 100 with the same concurrency and transport, no connector (no limiter, validation, retry). */
async function rawCdon(cdonApi: string, list: Array<Record<string, unknown>>): Promise<number> {
  const M = SANDBOX_CREDENTIALS.cdon.merchants[1]!;
  const auth = `Basic ${Buffer.from(`${M.merchantId}:${M.token}`).toString('base64')}`;
  const chunks: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < list.length; i += 100) chunks.push(list.slice(i, i + 100));
  const t0 = performance.now();
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        const res = await nodeFetch(`${cdonApi}/v2/articles/bulk`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'x-merchant-id': M.merchantId }, body: JSON.stringify({ articles: chunk }) });
        const body = (await res.json()) as { success: unknown[] };
        ok += body.success.length;
      }
    }),
  );
  if (ok !== list.length) throw new Error(`raw CDON write accepted ${ok}/${list.length}`);
  return list.length / ((performance.now() - t0) / 1000);
}

async function connectorCdon(cdonApi: string, list: Array<Record<string, unknown>>): Promise<number> {
  const M = SANDBOX_CREDENTIALS.cdon.merchants[1]!;
  // the highest per-merchant rate the config allows (100 req/s); the default is 5 req/s (cdon-api.md §6)
  const cdon = cdonConnector.open({ baseUrl: cdonApi, merchantId: M.merchantId, token: M.token, requestsPerSecond: 100, maxConcurrent: CONCURRENCY }, { limiters: new LimiterRegistry() });
  const t0 = performance.now();
  const r = await cdon.createArticles(list);
  const seconds = (performance.now() - t0) / 1000;
  const failed = r.results.filter((x) => !x.ok).length;
  if (failed) throw new Error(`connector CDON write: ${failed} failed`);
  return list.length / seconds;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const { urls, child } = await startSandboxChild(ITEMS);
  emit({ bench: 'connectors', case: 'sandbox-started', products: ITEMS, seconds: Math.round((performance.now() - startedAt) / 100) / 10 });
  try {
    const read = await benchItemsRead(urls.charisma!);
    emit({ bench: 'connectors', case: 'charisma-items-read', ...read, rssLimitMb: RSS_LIMIT_MB, withinRssLimit: read.peakRssMb < RSS_LIMIT_MB });

    const cdonApi = `${urls.cdon}/api`;
    const raw: number[] = [];
    const viaConnector: number[] = [];
    const flush = () => fetch(`${urls.cdon}/_sandbox/process`, { method: 'POST' });
    for (let round = 0; round < ROUNDS; round++) {
      // alternate the order and flush the sandbox's async article processing before each timed run
      const runRaw = async () => {
        await flush();
        raw.push(await rawCdon(cdonApi, articles(`raw${round}`, ARTICLES)));
      };
      const runConnector = async () => {
        await flush();
        viaConnector.push(await connectorCdon(cdonApi, articles(`con${round}`, ARTICLES)));
      };
      if (round % 2 === 0) {
        await runRaw();
        await runConnector();
      } else {
        await runConnector();
        await runRaw();
      }
      emit({ bench: 'connectors', case: 'cdon-bulk-create-round', round, articles: ARTICLES, rawArticlesPerSec: Math.round(raw[round]!), connectorArticlesPerSec: Math.round(viaConnector[round]!), ratio: Math.round((viaConnector[round]! / raw[round]!) * 1000) / 1000 });
    }
    // per-round ratios (both variants measured back to back), then the median
    const ratio = Math.round(median(viaConnector.map((v, i) => v / (raw[i] ?? v))) * 1000) / 1000;
    emit({ bench: 'connectors', case: 'cdon-bulk-create', connectorRequestsPerSec: 100, articles: ARTICLES, rounds: ROUNDS, concurrency: CONCURRENCY, batchSize: 100, sandboxArticlesPerSec: Math.round(median(raw)), connectorArticlesPerSec: Math.round(median(viaConnector)), ratio });
    emit({
      bench: 'connectors',
      charismaItems: read.records,
      charismaRecordsPerSec: read.recordsPerSec,
      charismaPeakRssMb: read.peakRssMb,
      rssOk: read.peakRssMb < RSS_LIMIT_MB,
      duplicates: read.duplicates,
      cdonConnectorArticlesPerSec: Math.round(median(viaConnector)),
      cdonSandboxArticlesPerSec: Math.round(median(raw)),
      cdonThroughputRatio: ratio,
      totalSeconds: Math.round((performance.now() - startedAt) / 100) / 10,
    });
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
