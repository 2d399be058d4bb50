import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_CREDENTIALS } from '@megzo/sandbox';
import { RecordError } from '@megzo/domain';
import { runConnectorContract } from '../testing/contract.ts';
import type { MarketplaceConnectorInstance } from '../contract/kinds.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import { cdonConnector } from './index.ts';
import { chunkUnique } from './articles.ts';
import { toCanonicalOrder } from './streams/orders.ts';
import { CdonOrderRaw } from './schemas.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const M = SANDBOX_CREDENTIALS.cdon.merchants[0]!;
const FIX = '/work/shared/specs/fixtures/cdon';

const cfg = (sb: Sandbox, extra: Record<string, unknown> = {}) => ({ baseUrl: `${sb.urls.cdon}/api`, merchantId: M.merchantId, token: M.token, requestsPerSecond: 100, maxConcurrent: 4, ...extra });

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function sellable(sb: Sandbox): Promise<Array<{ sku: string; market: string }>> {
  const body = (await (await fetch(`${sb.urls.cdon}/_sandbox/articles?merchant=${M.merchantId}`)).json()) as { articles: Array<{ sku: string; quantity: number; markets: string[] }> };
  return body.articles.filter((a) => a.quantity > 0 && a.markets.length > 0).map((a) => ({ sku: a.sku, market: a.markets[0]! }));
}

async function createdOrderIds(sb: Sandbox): Promise<string[]> {
  const body = (await (await fetch(`${sb.urls.cdon}/_sandbox/orders?merchant=${M.merchantId}`)).json()) as { orders: Array<{ id: string; state: string }> };
  return body.orders.filter((o) => o.state === 'CREATED').map((o) => String(o.id));
}

async function articleCount(sb: Sandbox, sku: string): Promise<number> {
  await post(`${sb.urls.cdon}/_sandbox/process`, {});
  const body = (await (await fetch(`${sb.urls.cdon}/_sandbox/articles?merchant=${M.merchantId}&sku=${encodeURIComponent(sku)}`)).json()) as { articles: unknown[] };
  return body.articles.length;
}

function article(sku: string): Record<string, unknown> {
  const base = (JSON.parse(readFileSync(`${FIX}/article-bulk-create-request.json`, 'utf8')) as { articles: Array<Record<string, unknown>> }).articles[0]!;
  const { category: _c, ...rest } = base;
  return { ...rest, sku };
}

let contractSb: Sandbox;
runConnectorContract<MarketplaceConnectorInstance>({
  features: { read: true, write: true },
  connector: cdonConnector,
  async setup() {
    contractSb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 10, seed: 1, articleProcessingDelayMs: 0 });
    const sb = contractSb;
    await post(`${sb.urls.cdon}/_sandbox/seed`, { products: 12, seed: 3 });
    const all = await sellable(sb);
    expect(all.length).toBeGreaterThanOrEqual(7);
    for (const a of all.slice(0, 7)) await post(`${sb.urls.cdon}/_sandbox/orders`, { sku: a.sku, quantity: 1, market: a.market, merchant: M.merchantId });
    return {
      config: cfg(sb),
      badCredentials: cfg(sb, { token: 'wrong-token' }),
      controlUrl: sb.urls.cdon,
      faultPath: '/api/v1/orders',
      probe: (i) => i.listOrders({ limit: 1 }),
      read: { stream: 'orders', pageSize: 3, expectedKeys: () => createdOrderIds(sb) },
      write: {
        path: 'POST /api/v2/articles/bulk',
        perform: async (i) => {
          const r = await i.createArticles([article('contract-sku-1')]);
          if (!r.results[0]?.ok) throw (r.results[0] as { error: Error }).error;
          return r;
        },
        count: () => articleCount(sb, 'contract-sku-1'),
      },
    };
  },
  teardown: () => contractSb.close(),
});

describe('marketplace-cdon specifics', () => {
  let sb: Sandbox;
  let cdon: MarketplaceConnectorInstance;
  beforeAll(async () => {
    sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 10, seed: 2, articleProcessingDelayMs: 0 });
    cdon = cdonConnector.open(cfg(sb), { limiters: new LimiterRegistry() });
  });
  afterAll(() => sb.close());

  it('maps the documented order payload to the canonical Order (numbers or strings, dual field names)', () => {
    const raw = JSON.parse(readFileSync(`${FIX}/order-response.json`, 'utf8')) as Record<string, unknown>;
    const o = toCanonicalOrder(CdonOrderRaw.parse(raw));
    expect(o).toMatchObject({ market: 'SE', status: 'created', currency: 'SEK', totalNet: '23.20', totalVat: '5.80', createdAt: '2018-01-01T16:57:06Z', fulfilmentDeadline: '2018-01-06T16:57:06Z' });
    expect(o.lines[0]).toMatchObject({ sku: '123', quantity: 2, vatRate: '0.25', title: 'Article title' });
    expect(o.customer.name).toBe('Test Person');
    const { title: _t, price, fulfillment_deadline: _f, ...rest } = raw;
    const alt = { ...rest, article_title: 'Alt title', article_price: { ...(price as object), amount: '23.20', vat_amount: '5.80', vat_rate: '0.25' }, fulfill_before: '2018-01-06 16:57:06', state: 'NOT FULFILLED' };
    const o2 = toCanonicalOrder(CdonOrderRaw.parse(alt));
    expect(o2).toMatchObject({ status: 'cancelled', totalNet: '23.20', fulfilmentDeadline: '2018-01-06T16:57:06Z' });
    expect(o2.lines[0]?.title).toBe('Alt title');
    const bad = CdonOrderRaw.safeParse({ ...raw, market: 'UK' });
    expect(bad.success).toBe(false);
  });

  it('creates articles per record: valid ones accepted, invalid ones rejected naming the field', async () => {
    const { main_image: _m, ...noImage } = article('bad-1');
    const r = await cdon.createArticles([article('ok-1'), noImage, { title: 'no sku' }]);
    const bySku = Object.fromEntries(r.results.map((x) => [x.key, x]));
    expect(bySku['ok-1']?.ok).toBe(true);
    expect(bySku['bad-1']?.ok).toBe(false);
    expect((bySku['bad-1'] as { error: RecordError }).error.path).toContain('main_image');
    expect(r.results.find((x) => x.key === '#2')?.ok).toBe(false);
    expect(r.batchIds).toHaveLength(1);
    const statuses = await cdon.pollStatuses(r.batchIds);
    expect(statuses.find((s) => s.sku === 'ok-1')?.status).toBe('ok');
  });

  it('reports async failures (sku_already_exists) through status polling', async () => {
    await cdon.createArticles([article('dup-1')]);
    const again = await cdon.createArticles([article('dup-1')]);
    const statuses = await cdon.pollStatuses(again.batchIds);
    expect(statuses[0]).toMatchObject({ sku: 'dup-1', status: 'failed', errorCodes: ['sku_already_exists'] });
    const bySku = await cdon.statusesBySku(['dup-1']);
    expect(bySku.length).toBeGreaterThan(0);
  });

  it('updates prices and quantities, and rejects an unknown SKU per record', async () => {
    await cdon.createArticles([article('upd-1')]);
    await post(`${sb.urls.cdon}/_sandbox/process`, {});
    const q = await cdon.updateQuantities([{ sku: 'upd-1', quantity: 7 }, { sku: 'nope', quantity: 1 }, { sku: 'upd-1x', quantity: -1 }]);
    expect(q.results.find((x) => x.key === 'upd-1')?.ok).toBe(true);
    expect((q.results.find((x) => x.key === 'nope') as { error: RecordError }).error.path).toBe('sku');
    expect((q.results.find((x) => x.key === 'upd-1x') as { error: RecordError }).error.code).toBe('INVALID_QUANTITY');
    const p = await cdon.updatePrices([{ sku: 'upd-1', prices: [{ market: 'SE', amountIncludingVat: '249.00', currency: 'SEK', vatRate: '0.25' }] }]);
    expect(p.results[0]?.ok).toBe(true);
    await cdon.pollStatuses([...q.batchIds, ...p.batchIds]);
    const view = (await (await fetch(`${sb.urls.cdon}/_sandbox/articles?merchant=${M.merchantId}&sku=upd-1`)).json()) as { articles: Array<{ quantity: number }> };
    expect(view.articles[0]?.quantity).toBe(7);
  });

  it('batches within the limits and never repeats a SKU+action in one request', () => {
    const chunks = chunkUnique(['a', 'b', 'a', 'c', 'a'], 2, (x) => x);
    expect(chunks).toEqual([['a', 'b'], ['c'], ['a'], ['a']]);
  });

  it('walks the order state machine; repeated actions are success, forbidden ones are record errors', async () => {
    await cdon.createArticles([article('ord-1'), article('ord-2')]);
    await post(`${sb.urls.cdon}/_sandbox/process`, {});
    const o1 = (await post(`${sb.urls.cdon}/_sandbox/orders`, { sku: 'ord-1', quantity: 1, market: 'SE', merchant: M.merchantId })) as { id: string };
    const o2 = (await post(`${sb.urls.cdon}/_sandbox/orders`, { sku: 'ord-2', quantity: 1, market: 'DK', merchant: M.merchantId })) as { id: string };
    expect((await cdon.getOrder(String(o1.id))).status).toBe('created');
    expect(await cdon.acceptOrder(String(o1.id))).toEqual({ orderId: String(o1.id), alreadyDone: false });
    expect((await cdon.acceptOrder(String(o1.id))).alreadyDone).toBe(true);
    const cancelAccepted = await cdon.cancelOrder(String(o1.id)).catch((e: unknown) => e);
    expect(cancelAccepted).toBeInstanceOf(RecordError);
    expect((cancelAccepted as RecordError).code).toBe('ALREADY_ACCEPTED');
    await cdon.fulfilOrder(String(o1.id), [{ trackingNumber: '1103733901', carrier: 'DHL' }]);
    const fulfilled = await cdon.getOrder(String(o1.id));
    expect(fulfilled.status).toBe('fulfilled');
    expect(fulfilled.tracking).toEqual([{ trackingNumber: '1103733901', carrier: 'DHL' }]);
    expect((await cdon.fulfilOrder(String(o1.id), [])).alreadyDone).toBe(true);
    expect((await cdon.cancelOrder(String(o2.id))).alreadyDone).toBe(false);
    expect((await cdon.cancelOrder(String(o2.id))).alreadyDone).toBe(true);
    const acceptCancelled = await cdon.acceptOrder(String(o2.id)).catch((e: unknown) => e);
    expect((acceptCancelled as RecordError).code).toBe('ALREADY_NOT_FULFILLED');
    await expect(cdon.fulfilOrder('x', [{ trackingNumber: ' ' }])).rejects.toBeInstanceOf(RecordError);
    const missing = await cdon.getOrder('does-not-exist').catch((e: unknown) => e);
    expect((missing as RecordError).code).toBe('NOT_FOUND');
    const returns = [];
    for await (const m of cdon.read('returns', null)) if (m.type === 'record') returns.push(m.key);
    expect(returns).toContain(String(o2.id));
  });

  it('refuses accept/fulfil after the fulfilment deadline', async () => {
    await cdon.createArticles([article('late-1')]);
    await post(`${sb.urls.cdon}/_sandbox/process`, {});
    const o = (await post(`${sb.urls.cdon}/_sandbox/orders`, { sku: 'late-1', quantity: 1, market: 'SE', merchant: M.merchantId })) as { id: string };
    await post(`${sb.urls.cdon}/_sandbox/clock/advance`, { seconds: 6 * 86_400 });
    const err = await cdon.acceptOrder(String(o.id)).catch((e: unknown) => e);
    expect((err as RecordError).code).toBe('PAST_FULFILMENT_DEADLINE');
  });

  it('fulfils straight from CREATED, and auto-cancelled orders (7 days) show up as cancellations', async () => {
    await cdon.createArticles([article('auto-1'), article('auto-2')]);
    await post(`${sb.urls.cdon}/_sandbox/process`, {});
    const o1 = (await post(`${sb.urls.cdon}/_sandbox/orders`, { sku: 'auto-1', quantity: 1, market: 'SE', merchant: M.merchantId })) as { id: string };
    const o2 = (await post(`${sb.urls.cdon}/_sandbox/orders`, { sku: 'auto-2', quantity: 1, market: 'SE', merchant: M.merchantId })) as { id: string };
    await cdon.fulfilOrder(String(o1.id), []);
    expect((await cdon.getOrder(String(o1.id))).status).toBe('fulfilled');
    let state: Record<string, unknown> | null = null;
    for await (const m of cdon.read('returns', null)) if (m.type === 'checkpoint') state = m.state;
    await post(`${sb.urls.cdon}/_sandbox/clock/advance`, { seconds: 8 * 86_400 });
    const cancelled = [];
    for await (const m of cdon.read('returns', state)) if (m.type === 'record') cancelled.push(m.record);
    expect(cancelled.map((r) => (r as { channelOrderId: string }).channelOrderId)).toContain(String(o2.id));
    expect(cancelled.find((r) => (r as { channelOrderId: string }).channelOrderId === String(o2.id))).toMatchObject({ kind: 'cancellation', lines: [{ sku: 'auto-2', quantity: 1 }] });
  });

  it('declares what CDON cannot do, so flows degrade visibly', async () => {
    const d = await cdonConnector.discover(cfg(sb));
    expect(d.capabilities).toMatchObject({ invoiceUpload: false, returns: false, webhooks: false, partialFulfilment: false });
  });
});
