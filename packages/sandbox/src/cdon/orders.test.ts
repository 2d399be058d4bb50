/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCdonServer } from './server.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { basic, call, listen } from '../test-helpers.ts';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/cdon/${name}`, import.meta.url), 'utf8'));
const [A, B] = SANDBOX_CREDENTIALS.cdon.merchants as [typeof SANDBOX_CREDENTIALS.cdon.merchants[0], typeof SANDBOX_CREDENTIALS.cdon.merchants[0]];
const authA = { authorization: basic(A.merchantId, A.token) };
const authB = { authorization: basic(B.merchantId, B.token) };

const srv = buildCdonServer({ articleProcessingDelayMs: 0 });
let base = '';
let api = '';
beforeAll(async () => {
  base = await listen(srv.app);
  api = `${base}/api`;
});
afterAll(() => srv.app.close());

async function makeArticle(sku: string, quantity = 10, headers = authA): Promise<string> {
  const a = { ...fixture('article-bulk-create-request.json').articles[0], sku, quantity };
  const r = await call(`${api}/v2/articles/bulk`, { method: 'POST', headers, json: { articles: [a] } });
  return r.body.success[0].id as string;
}
async function order(sku: string, quantity = 1, extra: Record<string, unknown> = {}): Promise<any> {
  const r = await call(`${base}/_sandbox/orders`, { method: 'POST', json: { sku, quantity, ...extra } });
  expect(r.status).toBe(201);
  return r.body;
}
const put = (id: string, action: string, json?: unknown, headers = authA) => call(`${api}/v1/orders/${id}/${action}`, { method: 'PUT', headers, json });
const advance = (seconds: number) => call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds } });

beforeEach(async () => {
  await call(`${base}/_sandbox/reset`, { method: 'POST' });
  srv.ctx.options.articleProcessingDelayMs = 0;
});

describe('CDON test orders', () => {
  it('accepts the fixture test-order request and answers like the docs', async () => {
    await makeArticle('123', 600);
    const r = await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: fixture('sandbox-test-order-request.json') });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: expect.any(String), description: 'Order was created.' });
    const o = await call(`${api}/v1/orders/${r.body.id}`, { headers: authA });
    const expected = fixture('order-response.json');
    expect(Object.keys(o.body).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(o.body.price).sort()).toEqual(Object.keys(expected.price).sort());
    expect(o.body).toMatchObject({ article_sku: '123', quantity: 499, market: 'SE', state: 'CREATED', tracking_information: [] });
    expect(o.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const { amount, vat_amount, vat_rate, currency } = o.body.price;
    expect(currency).toBe('SEK');
    expect(vat_amount).toBeCloseTo(Math.round(amount * vat_rate * 100) / 100, 2);
    expect(amount + vat_amount).toBeCloseTo(199.99 * 499, 1);
    const arts = (await call(`${base}/_sandbox/articles?sku=123`)).body.articles;
    expect(arts[0].quantity).toBe(101);
  });
  it('validates the test order and refuses unknown articles and overselling', async () => {
    const id = await makeArticle('t1', 2);
    expect((await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { article_id: id, quantity: -1 } })).body.errors.quantity).toBeDefined();
    expect((await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { quantity: 1 } })).body.errors.article_id).toBeDefined();
    expect((await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { article_id: 'nope', quantity: 1 } })).status).toBe(400);
    expect((await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { article_id: id, quantity: 3 } })).body.errors.quantity).toBeDefined();
    expect((await call(`${api}/v1/orders/`, { method: 'POST', headers: authB, json: { article_id: id, quantity: 1 } })).status).toBe(400);
  });
  it('answers 404 for test orders in production flavour', async () => {
    const id = await makeArticle('t2');
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { sandboxFlavour: false } });
    expect((await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { article_id: id, quantity: 1 } })).status).toBe(404);
  });
  it('never sells more units than the article has under concurrent orders', async () => {
    const id = await makeArticle('scarce', 5);
    const results = await Promise.all(Array.from({ length: 20 }, () => call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { article_id: id, quantity: 1 } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect((await call(`${base}/_sandbox/articles?sku=scarce`)).body.articles[0].quantity).toBe(0);
  });
});

describe('CDON order state machine', () => {
  beforeEach(async () => {
    await makeArticle('sm', 100);
  });
  it('accept → fulfil, with the documented 202 and 403 bodies', async () => {
    const o = await order('sm');
    expect((await put(o.id, 'accept')).body).toEqual({ description: 'Order row was accepted' });
    const again = await put(o.id, 'accept');
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ description: 'Order row already has accepted as state' });
    const cancel = await put(o.id, 'cancel');
    expect(cancel.status).toBe(403);
    expect(cancel.body).toEqual({ description: 'Order row already has accepted as state' });
    const f = await put(o.id, 'fulfill', fixture('order-fulfill-request.json'));
    expect(f.status).toBe(202);
    expect(f.body).toEqual({ description: 'Order row was fulfilled' });
    const got = await call(`${api}/v1/orders/${o.id}`, { headers: authA });
    expect(got.body.state).toBe('FULFILLED');
    expect(got.body.tracking_information).toEqual(fixture('order-fulfill-request.json').tracking_information);
    for (const action of ['accept', 'fulfill', 'cancel']) {
      const r = await put(o.id, action);
      expect(r.status).toBe(403);
      expect(r.body).toEqual(fixture('order-fulfill-403-already-fulfilled.json'));
    }
  });
  it('fulfil directly from CREATED with an empty body; cancel from CREATED restores stock', async () => {
    const o1 = await order('sm', 2);
    expect((await put(o1.id, 'fulfill')).status).toBe(202);
    const o2 = await order('sm', 3);
    expect((await call(`${base}/_sandbox/articles?sku=sm`)).body.articles[0].quantity).toBe(95);
    expect((await put(o2.id, 'cancel')).body).toEqual({ description: 'Order row was cancelled' });
    expect((await call(`${base}/_sandbox/articles?sku=sm`)).body.articles[0].quantity).toBe(98);
    const r = await put(o2.id, 'accept');
    expect(r.body).toEqual({ description: 'Order row already has not_fulfilled as state' });
  });
  it('allows cancel from ACCEPTED when configured', async () => {
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { cancelFromAccepted: 'allow' } });
    const o = await order('sm');
    await put(o.id, 'accept');
    expect((await put(o.id, 'cancel')).status).toBe(202);
  });
  it('rejects malformed tracking information naming the field', async () => {
    const o = await order('sm');
    for (const body of [{ tracking_information: {} }, { tracking_information: [{ carrier_name: 'DHL' }] }, { tracking_information: [{ tracking_number: '' }] }]) {
      const r = await put(o.id, 'fulfill', body);
      expect(r.status).toBe(400);
      expect(r.body.description).toBe('Invalid payload');
      expect(Object.keys(r.body.errors)).toEqual(['tracking_information']);
    }
    const garbage = await call(`${api}/v1/orders/${o.id}/fulfill`, { method: 'PUT', headers: { ...authA, 'content-type': 'application/json' }, body: '{{' });
    expect(garbage.status).toBe(400);
    expect((await call(`${api}/v1/orders/${o.id}`, { headers: authA })).body.state).toBe('CREATED');
  });
  it('strict fulfil mode requires carrier and tracking above 299 SEK', async () => {
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { strictFulfil: true } });
    const o = await order('sm', 2);
    expect((await put(o.id, 'fulfill', { tracking_information: [{ tracking_number: 'X1' }] })).status).toBe(400);
    expect((await put(o.id, 'fulfill', { tracking_information: [{ tracking_number: 'X1', carrier_name: 'DHL' }] })).status).toBe(202);
  });
  it('refuses accept/fulfil after the fulfillment deadline but still cancels', async () => {
    const o = await order('sm');
    await advance(5 * 86_400 + 60);
    for (const action of ['accept', 'fulfill']) {
      const r = await put(o.id, action);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ description: 'Order has passed fulfillment due date' });
    }
    expect((await put(o.id, 'cancel')).status).toBe(202);
  });
  it('auto-cancels CREATED and ACCEPTED orders after 7 days on the sandbox clock', async () => {
    const o1 = await order('sm', 4);
    const o2 = await order('sm', 1);
    await put(o2.id, 'accept');
    const o3 = await order('sm', 1);
    await put(o3.id, 'fulfill');
    await advance(6 * 86_400);
    expect((await call(`${api}/v1/orders/${o1.id}`, { headers: authA })).body.state).toBe('CREATED');
    await advance(86_400 + 1);
    const list = await call(`${api}/v1/orders/?state=NOT_FULFILLED`, { headers: authA });
    expect(list.body.map((x: any) => x.id).sort()).toEqual([o1.id, o2.id].sort());
    expect(list.body[0].updated_at).not.toBe(list.body[0].created_at);
    expect((await call(`${api}/v1/orders/${o3.id}`, { headers: authA })).body.state).toBe('FULFILLED');
    expect((await call(`${base}/_sandbox/articles?sku=sm`)).body.articles[0].quantity).toBe(99);
  });
});

describe('CDON seeding', () => {
  it('seeds generated articles into every merchant, idempotently, keeping article ids', async () => {
    const seed = await call(`${base}/_sandbox/seed`, { method: 'POST', json: { products: 20, seed: 5 } });
    expect(seed.body).toEqual({ ok: true, products: 20, seed: 5 });
    const a1 = (await call(`${base}/_sandbox/articles?merchant=${A.merchantId}`)).body.articles;
    const b1 = (await call(`${base}/_sandbox/articles?merchant=${B.merchantId}`)).body.articles;
    expect(a1).toHaveLength(20);
    expect(b1).toHaveLength(20);
    expect(a1[0].price.FI.currency).toBe('EUR');
    await call(`${base}/_sandbox/seed`, { method: 'POST', json: { products: 20, seed: 5 } });
    const a2 = (await call(`${base}/_sandbox/articles?merchant=${A.merchantId}`)).body.articles;
    expect(a2.map((a: any) => a.id)).toEqual(a1.map((a: any) => a.id));
    const inStock = a1.find((a: any) => a.quantity > 0);
    const r = await call(`${api}/v1/orders/`, { method: 'POST', headers: authA, json: { article_id: inStock.id, quantity: 1 } });
    expect(r.status).toBe(200);
    expect((await call(`${base}/_sandbox/seed`, { method: 'POST', json: { products: 100_001 } })).body.details[0].field).toBe('products');
  });
});

describe('CDON order listing and isolation', () => {
  it('lists by state with limit and page, stably ordered, all markets mixed', async () => {
    await makeArticle('ls', 100);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await order('ls', 1, { market: i % 2 ? 'DK' : 'SE', created_at: new Date(Date.now() - (i + 1) * 2000).toISOString() })).id);
    }
    const p1 = await call(`${api}/v1/orders/?state=CREATED&limit=2&page=1`, { headers: authA });
    const p3 = await call(`${api}/v1/orders/?state=CREATED&limit=2&page=3`, { headers: authA });
    const all = await call(`${api}/v1/orders/`, { headers: authA });
    expect(p1.body).toHaveLength(2);
    expect(p3.body).toHaveLength(1);
    expect(all.body.map((o: any) => o.id)).toEqual([...ids].reverse());
    expect(new Set(all.body.map((o: any) => o.market))).toEqual(new Set(['SE', 'DK']));
    expect(all.body.find((o: any) => o.market === 'DK').price.currency).toBe('DKK');
    expect((await call(`${api}/v1/orders/?limit=1001`, { headers: authA })).status).toBe(400);
    expect((await call(`${api}/v1/orders?state=CREATED&limit=10&page=1`, { headers: authA })).body).toHaveLength(5);
    expect((await call(`${api}/v1/orders/?state=SHIPPED`, { headers: authA })).body.errors.state).toBeDefined();
    expect((await call(`${api}/v1/orders/?state=ACCEPTED`, { headers: authA })).body).toEqual([]);
  });
  it('hides another merchant\u2019s orders (404, or 403 when configured)', async () => {
    await makeArticle('iso', 5);
    const o = await order('iso');
    expect((await call(`${api}/v1/orders/${o.id}`, { headers: authB })).body).toEqual({ description: 'Not found' });
    expect((await put(o.id, 'accept', undefined, authB)).status).toBe(404);
    expect((await call(`${api}/v1/orders/`, { headers: authB })).body).toEqual([]);
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { notFoundStatus: 403 } });
    const r = await call(`${api}/v1/orders/${o.id}`, { headers: authB });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ description: 'You do not have permission to access this object' });
  });
  it('injects orders for merchant B through the control API', async () => {
    await makeArticle('bsku', 5, authB);
    const o = await order('bsku', 2, { merchant: 'Nordic Store B', market: 'DK' });
    expect(o.market).toBe('DK');
    expect((await call(`${api}/v1/orders/${o.id}`, { headers: authB })).status).toBe(200);
    const all = (await call(`${base}/_sandbox/orders?merchant=Nordic Store B`)).body.orders;
    expect(all.map((x: any) => [x.id, x.merchant])).toEqual([[o.id, B.merchantId]]);
    const bad = await call(`${base}/_sandbox/orders`, { method: 'POST', json: { sku: 'bsku', quantity: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('quantity');
  });
});
