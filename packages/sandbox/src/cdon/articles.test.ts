/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCdonServer } from './server.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { basic, call, listen } from '../test-helpers.ts';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/cdon/${name}`, import.meta.url), 'utf8'));
const [A, B] = SANDBOX_CREDENTIALS.cdon.merchants as [typeof SANDBOX_CREDENTIALS.cdon.merchants[0], typeof SANDBOX_CREDENTIALS.cdon.merchants[0]];
const authA = { authorization: basic(A.merchantId, A.token), 'x-merchant-id': A.merchantId };
const authB = { authorization: basic(B.merchantId, B.token) };

const srv = buildCdonServer({ articleProcessingDelayMs: 0 });
let base = '';
let api = '';
beforeAll(async () => {
  base = await listen(srv.app);
  api = `${base}/api`;
});
afterAll(() => srv.app.close());
beforeEach(async () => {
  await call(`${base}/_sandbox/reset`, { method: 'POST' });
  srv.ctx.options.articleProcessingDelayMs = 0;
});

const article = (sku: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...fixture('article-bulk-create-request.json').articles[0], sku, ...extra });
const create = (articles: unknown[], headers: Record<string, string> = authA) => call(`${api}/v2/articles/bulk`, { method: 'POST', headers, json: { articles } });
const update = (actions: unknown[], headers: Record<string, string> = authA) => call(`${api}/v2/articles/bulk`, { method: 'PUT', headers, json: { actions } });
const statusesBatch = (ids: string[], headers: Record<string, string> = authA) => call(`${api}/v1/statuses/batch`, { method: 'POST', headers, json: { batch_ids: ids } });
const statusesSku = (skus: string[]) => call(`${api}/v1/statuses/sku`, { method: 'POST', headers: authA, json: { skus } });

describe('CDON auth and transport', () => {
  it('rejects missing and wrong credentials with the documented 401 body', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: basic(A.merchantId, 'wrong') }, { authorization: basic(A.merchantId, B.token) }, { authorization: 'Basic !!!' }]) {
      const r = await call(`${api}/v1/orders/`, { headers });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ description: 'Authorization credentials were incorrect' });
    }
  });
  it('adds a 32-hex X-Request-ID and answers garbage with 400 Invalid payload', async () => {
    const r = await call(`${api}/v2/articles/bulk`, { method: 'POST', headers: { ...authA, 'content-type': 'application/json' }, body: '{"articles": [' });
    expect(r.status).toBe(400);
    expect(r.body.description).toBe('Invalid payload');
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const r2 = await call(`${api}/v2/articles/bulk`, { method: 'POST', headers: { ...authA, 'content-type': 'text/plain' }, body: 'hello' });
    expect(r2.status).toBe(400);
    const r3 = await call(`${api}/v2/articles/bulk`, { method: 'PUT', headers: authA, json: [1, 2] });
    expect(r3.status).toBe(400);
    expect(r3.body.errors.actions).toBeDefined();
  });
  it('unknown routes answer JSON 404', async () => {
    const r = await call(`${api}/v9/nothing`, { headers: authA });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ description: 'Not found' });
  });
});

describe('CDON bulk create', () => {
  it('accepts the fixture request with the fixture response shape', async () => {
    const r = await call(`${api}/v2/articles/bulk`, { method: 'POST', headers: authA, json: fixture('article-bulk-create-request.json') });
    const expected = fixture('article-bulk-create-response-202.json');
    expect(r.status).toBe(202);
    expect(Object.keys(r.body).sort()).toEqual(Object.keys(expected).sort());
    expect(r.body.batch_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.success).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), sku: 'article-123' }]);
    expect(r.body.failed).toEqual([]);
  });
  it('reports a partially invalid request exactly like the fixture', async () => {
    const r = await create([article('valid-article'), { sku: 'invalid-article', status: 'for sale', quantity: 3 }]);
    const expected = fixture('article-bulk-create-partial-response-202.json');
    expect(r.status).toBe(202);
    expect(r.body.success.map((s: { sku: string }) => s.sku)).toEqual(['valid-article']);
    expect(r.body.failed).toEqual(expected.failed);
  });
  it.each([
    ['status', { status: 'sold' }, 'status'],
    ['quantity', { quantity: 500_001 }, 'quantity'],
    ['market', { markets: ['SE', 'DE'] }, 'markets[1]'],
    ['currency', { price: [{ market: 'SE', value: { amount_including_vat: 10, currency: 'EUR' } }] }, 'price[0].value.currency'],
    ['language', { title: [{ language: 'ro-RO', value: 'Titlu românesc' }] }, 'title[0].language'],
    ['title length', { title: [{ language: 'sv-SE', value: 'abc' }] }, 'title[0].value'],
    ['shipping min>max', { shipping_time: [{ market: 'SE', min: 5, max: 2 }] }, 'shipping_time[0].max'],
    ['shipping range', { shipping_time: [{ market: 'SE', min: 0, max: 10 }] }, 'shipping_time[0].min'],
    ['images', { images: Array.from({ length: 11 }, (_, i) => `https://x/${i}.jpg`) }, 'images'],
    ['preset property', { properties: [{ name: 'preset-size_SML', value: 'huge' }] }, 'properties[0].value'],
    ['free-text property language', { properties: [{ name: 'color', value: 'Blue' }] }, 'properties[0].language'],
    ['amount digits', { price: [{ market: 'SE', value: { amount_including_vat: 123456789, currency: 'SEK' } }] }, 'price[0].value.amount_including_vat'],
  ])('names the offending field for a bad %s', async (_name, patch, field) => {
    const r = await create([article('bad', patch)]);
    expect(r.status).toBe(202);
    expect(r.body.success).toEqual([]);
    expect(r.body.failed[0].errors.map((e: { field: string[] }) => e.field[0])).toContain(field);
  });
  it('rejects a batch over the maximum size with 400', async () => {
    const r = await create(Array.from({ length: 101 }, (_, i) => article(`s-${i}`)));
    expect(r.status).toBe(400);
    expect(r.body.description).toBe('Invalid payload');
  });
});

describe('CDON asynchronous processing', () => {
  it('goes pending → ok after the configured delay on the sandbox clock', async () => {
    srv.ctx.options.articleProcessingDelayMs = 60_000;
    const r = await create([article('slow-1')]);
    let s = await statusesBatch([r.body.batch_id, 'unknown-batch']);
    expect(s.body.batches).toHaveLength(1);
    expect(s.body.batches[0].statuses[0].markets).toEqual([{ market: '*', status: 'pending', error_code: null }]);
    expect((await statusesSku(['slow-1'])).body.statuses).toEqual([]);
    expect((await call(`${base}/_sandbox/articles?sku=slow-1`)).body.articles).toEqual([]);
    await call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds: 61 } });
    s = await statusesBatch([r.body.batch_id]);
    expect(s.body.batches[0].statuses[0]).toMatchObject({ sku: 'slow-1', action: 'create_article', article_id: r.body.success[0].id, markets: [{ market: '*', status: 'ok', error_code: null }] });
    const sku = await statusesSku(['slow-1']);
    expect(sku.body.statuses[0].markets[0].status).toBe('ok');
  });
  it('answers statuses in the fixture shape', async () => {
    const r = await create([article('shape-1')]);
    const s = await statusesBatch([r.body.batch_id]);
    const fx = fixture('statuses-batch-response.json');
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(s.body)).toEqual(keys(fx));
    expect(keys(s.body.batches[0])).toEqual(keys(fx.batches[0]));
    expect(keys(s.body.batches[0].statuses[0])).toEqual(keys(fx.batches[0].statuses[0]));
    expect(keys(s.body.batches[0].statuses[0].markets[0])).toEqual(keys(fx.batches[0].statuses[0].markets[0]));
  });
  it('keeps state consistent under concurrent bulk updates', async () => {
    await create([article('conc', { quantity: 0 })]);
    await Promise.all(Array.from({ length: 30 }, (_, i) => update([{ sku: 'conc', action: 'update_article_quantity', body: { quantity: i + 1 } }])));
    const last = await update([{ sku: 'conc', action: 'update_article_quantity', body: { quantity: 777 } }]);
    expect(last.body.success).toHaveLength(1);
    await call(`${base}/_sandbox/process`, { method: 'POST' });
    expect((await call(`${base}/_sandbox/articles?sku=conc`)).body.articles[0].quantity).toBe(777);
    expect((await call(`${base}/_sandbox/process`, { method: 'POST' })).body.pending).toBe(0);
  });
  it('fails items with the documented error codes', async () => {
    await create([article('dup')]);
    const r = await create([
      article('dup'),
      article('bad-cat', { category: '999999' }),
      article('bad-vat', { price: [{ market: 'SE', value: { amount_including_vat: 100, currency: 'SEK', vat_rate: 0.19 } }] }),
      article('bad-class', { classifications: [{ name: 'CONDITION', value: 'BROKEN' }] }),
    ]);
    expect(r.body.success).toHaveLength(4);
    const s = await statusesBatch([r.body.batch_id]);
    const codes = Object.fromEntries(s.body.batches[0].statuses.map((x: any) => [x.sku, x.markets[0].error_code]));
    expect(codes).toEqual({ dup: 'sku_already_exists', 'bad-cat': 'invalid_category', 'bad-vat': 'invalid_vat_rate', 'bad-class': 'invalid_classification' });
    srv.ctx.options.articleProcessingDelayMs = 1000;
    const del = await update([{ sku: 'dup', action: 'delete_article' }]);
    const upd = await update([{ sku: 'dup', action: 'update_article_quantity', body: { quantity: 1 } }]);
    expect(upd.body.success).toHaveLength(1);
    await call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds: 2 } });
    const s2 = await statusesBatch([del.body.batch_id, upd.body.batch_id]);
    expect(s2.body.batches[0].statuses[0].markets[0].status).toBe('ok');
    expect(s2.body.batches[1].statuses[0].markets[0].error_code).toBe('article_does_not_exist');
    // Once the delete is processed the SKU is unknown again: synchronous "Article not found".
    const again = await update([{ sku: 'dup', action: 'delete_article' }]);
    expect(again.body.failed[0].errors).toEqual([{ message: 'Article not found', field: ['sku'] }]);
  });
});

describe('CDON bulk update', () => {
  it('accepts every action of the fixture request once the articles exist', async () => {
    await create(['article-123', 'article-456', 'article-789', 'article-999'].map((s) => article(s)));
    const r = await call(`${api}/v2/articles/bulk`, { method: 'PUT', headers: authA, json: fixture('article-bulk-update-request.json') });
    expect(r.status).toBe(202);
    expect(r.body.failed).toEqual([]);
    expect(r.body.success.map((s: any) => s.action)).toEqual(['update_article', 'update_article_price', 'update_article_quantity', 'delete_article']);
    const st = await statusesBatch([r.body.batch_id]);
    expect(st.body.batches[0].statuses.every((x: any) => x.markets[0].status === 'ok')).toBe(true);
    const arts = (await call(`${base}/_sandbox/articles?merchant=${A.merchantId}`)).body.articles;
    const bySku = Object.fromEntries(arts.map((a: any) => [a.sku, a]));
    expect(bySku['article-456'].price.SE).toEqual({ amount_including_vat: 299.99, currency: 'SEK', vat_rate: 0.25 });
    expect(bySku['article-456'].price.DK.amount_including_vat).toBe(149.99);
    expect(bySku['article-789'].quantity).toBe(42);
    expect(bySku['article-999']).toBeUndefined();
    expect(bySku['article-123'].title[0].value).toBe('Uppdaterad titel på svenska');
  });
  it('reports a partially invalid update exactly like the fixture', async () => {
    await create([article('valid-article'), article('valid-article-2')]);
    const r = await update([
      { sku: 'valid-article', action: 'update_article_price', body: { price: [{ market: 'SE', value: { amount_including_vat: 10, currency: 'SEK' } }] } },
      { sku: 'non-existent-article', action: 'update_article_quantity', body: { quantity: 5 } },
      { sku: 'valid-article-2', action: 'update_article', body: { status: 'for sale', title: [{ language: 'sv-SE', value: 'En titel' }] } },
    ]);
    const expected = fixture('article-bulk-update-partial-response-202.json');
    expect(r.body.success).toEqual(expected.success);
    expect(r.body.failed).toEqual(expected.failed);
  });
  it('rejects price/quantity inside update_article, bad action bodies and duplicate actions', async () => {
    await create([article('x1')]);
    const full = fixture('article-bulk-update-request.json').actions[0].body;
    const r = await update([
      { sku: 'x1', action: 'update_article', body: { ...full, price: [], quantity: 3 } },
      { sku: 'x1', action: 'update_article_quantity', body: { quantity: 'many' } },
      { sku: 'x1', action: 'update_article_price', body: {} },
      { sku: 'x1', action: 'rename_article' },
      { sku: 'x1', action: 'delete_article' },
      { sku: 'x1', action: 'delete_article' },
    ]);
    const fields = r.body.failed.map((f: any) => [f.action, f.errors.map((e: any) => e.field[0])]);
    expect(fields).toEqual([
      ['update_article', ['price', 'quantity']],
      ['update_article_quantity', ['quantity']],
      ['update_article_price', ['price']],
      ['rename_article', ['action']],
      ['delete_article', ['action']],
    ]);
    expect(r.body.success).toEqual([{ sku: 'x1', action: 'delete_article' }]);
  });
  it('keeps merchants isolated', async () => {
    await create([article('shared-sku', { quantity: 7 })]);
    await create([article('shared-sku', { quantity: 9 })], authB);
    const upd = await update([{ sku: 'only-a', action: 'delete_article' }], authB);
    expect(upd.body.failed[0].errors[0].message).toBe('Article not found');
    const a = (await call(`${base}/_sandbox/articles?merchant=Nordic Store A&sku=shared-sku`)).body.articles;
    const b = (await call(`${base}/_sandbox/articles?merchant=${B.merchantId}&sku=shared-sku`)).body.articles;
    expect(a[0].quantity).toBe(7);
    expect(b[0].quantity).toBe(9);
    const foreign = await statusesBatch([upd.body.batch_id], authA);
    expect(foreign.body.batches).toEqual([]);
  });
});

describe('CDON categories', () => {
  it('serves the flat tree per market/language and 400 for unknown ones', async () => {
    const r = await call(`${api}/v1/categories/SE/sv-SE/`, { headers: authA });
    expect(r.status).toBe(200);
    expect(r.body).toContainEqual({ id: 1124, name: 'Hörlurar', path: '1.112.1124', search_friendly_name: 'hörlurar' });
    const en = await call(`${api}/v1/categories/DK/en-US/`, { headers: authA });
    expect(en.body.find((c: any) => c.id === 1124).name).toBe('Headphones');
    expect((await call(`${api}/v1/categories/DE/de-DE/`, { headers: authA })).status).toBe(400);
  });
});
