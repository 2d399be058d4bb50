/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCharismaServer } from './server.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { call, listen } from '../test-helpers.ts';

const C = SANDBOX_CREDENTIALS.charisma;
const srv = buildCharismaServer({ products: 40, seed: 7 });
let base = '';
let api = '';
const key = { 'x-api-key': C.apiKey };
beforeAll(async () => {
  base = await listen(srv.app);
  api = `${base}/api/v1`;
});
afterAll(() => srv.app.close());
beforeEach(async () => {
  await call(`${base}/_sandbox/reset`, { method: 'POST' });
});

const token = async (): Promise<string> => {
  const r = await call(`${api}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${C.clientId}&client_secret=${C.clientSecret}` });
  return r.body.access_token as string;
};
const firstGoods = async (): Promise<any> => (await call(`${api}/items?pageSize=10`, { headers: key })).body.items.find((i: any) => i.type === 'goods');
const stockOf = async (code: string): Promise<any> => (await call(`${api}/stock?itemCode=${code}&warehouse=DEP01`, { headers: key })).body.items[0];
const orderBody = (itemCode: string, ref: string, extra: Record<string, unknown> = {}) => ({
  externalRef: ref, channel: 'CDON', market: 'SE', orderDate: '2026-11-20T14:03:11+02:00', currency: 'SEK', pricesIncludeVat: true,
  lines: [{ lineNo: 1, externalLineRef: `${ref}-1`, itemCode, quantity: '1.000', unit: 'BUC', unitPrice: '269.34', vatCode: 'OSS-SE-25', vatRate: '25.00', discount: '0.00' }],
  shipping: { itemCode: 'TRANSPORT', amount: '49.00', vatCode: 'OSS-SE-25' },
  fx: { source: 'BNR', rateDate: '2026-11-19', ronPerUnit: '0.4641' },
  ...extra,
});
const post = (path: string, json: unknown, idem: string | null) => call(`${api}${path}`, { method: 'POST', headers: { ...key, ...(idem ? { 'Idempotency-Key': idem } : {}) }, json });

describe('Charisma auth', () => {
  it('issues bearer tokens for client credentials and rejects bad ones', async () => {
    const t = await token();
    expect(t).toMatch(/^[\w-]{20,}$/);
    expect((await call(`${api}/company`, { headers: { authorization: `Bearer ${t}` } })).body.cif).toBe('RO13845929');
    const bad = await call(`${api}/oauth/token`, { method: 'POST', json: { grant_type: 'client_credentials', client_id: C.clientId, client_secret: 'x' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
    expect((await call(`${api}/oauth/token`, { method: 'POST', json: { grant_type: 'password' } })).status).toBe(400);
  });
  it('answers 401 envelopes for missing, invalid and expired tokens and a wrong API key', async () => {
    const none = await call(`${api}/items`);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    expect((await call(`${api}/items`, { headers: { authorization: 'Bearer nope' } })).body.error.code).toBe('UNAUTHENTICATED');
    expect((await call(`${api}/items`, { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    const t = await token();
    await call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds: 3601 } });
    const exp = await call(`${api}/items`, { headers: { authorization: `Bearer ${t}` } });
    expect(exp.status).toBe(401);
    expect(exp.body.error.code).toBe('TOKEN_EXPIRED');
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { apiKeyEnabled: false } });
    expect((await call(`${api}/items`, { headers: key })).status).toBe(401);
  });
  it('accepts X-Company naming its own CIF and refuses another with 403', async () => {
    expect((await call(`${api}/company`, { headers: { ...key, 'X-Company': 'RO13845929' } })).status).toBe(200);
    expect((await call(`${api}/company`, { headers: { ...key, 'X-Company': '13845929' } })).status).toBe(200);
    const r = await call(`${api}/company`, { headers: { ...key, 'X-Company': 'RO13548146' } });
    expect([r.status, r.body.error.code, r.body.error.details[0].field]).toEqual([403, 'FORBIDDEN', 'X-Company']);
  });
  it('echoes X-Request-Id', async () => {
    const r = await call(`${api}/company`, { headers: { ...key, 'x-request-id': 'corr-123' } });
    expect(r.headers.get('x-request-id')).toBe('corr-123');
  });
});

describe('Charisma reference data, items, prices, stock, partners', () => {
  it('serves the seeded reference data', async () => {
    const vat = (await call(`${api}/vat-codes`, { headers: key })).body;
    expect(vat.find((v: any) => v.code === 'S21')).toMatchObject({ rate: '21.00', validFrom: '2025-08-01', validTo: null });
    expect(vat.find((v: any) => v.code === 'S19').validTo).toBe('2025-07-31');
    expect((await call(`${api}/warehouses`, { headers: key })).body[0]).toEqual({ code: 'DEP01', name: 'Depozit central', sellable: true });
    expect((await call(`${api}/units`, { headers: key })).body[0].uneceCode).toBe('H87');
    expect((await call(`${api}/currencies`, { headers: key })).body.map((c: any) => c.code)).toEqual(['RON', 'EUR', 'SEK', 'NOK', 'DKK']);
  });
  it('pages items and prices; price incl. VAT is the half-up rule; 21% or 11%', async () => {
    const p1 = await call(`${api}/items?page=1&pageSize=15`, { headers: key });
    expect(p1.body).toMatchObject({ page: 1, pageSize: 15, total: 41, hasMore: true });
    const p3 = await call(`${api}/items?page=3&pageSize=15`, { headers: key });
    expect(p3.body.items).toHaveLength(11);
    expect(p3.body.hasMore).toBe(false);
    expect((await call(`${api}/items?pageSize=501`, { headers: key })).body.error.details[0].field).toBe('pageSize');
    const prices = (await call(`${api}/price-lists/PL-ONLINE/prices?pageSize=500`, { headers: key })).body.items;
    for (const p of prices) {
      const rate = p.vatCode === 'S21' ? 21 : 11;
      expect(['S21', 'R11']).toContain(p.vatCode);
      expect(Number(p.priceInclVat)).toBeCloseTo(Math.round(Number(p.price) * (100 + rate)) / 100, 2);
      expect(p.price).toMatch(/^\d+\.\d{2}$/);
    }
    expect((await call(`${api}/price-lists/NOPE/prices`, { headers: key })).status).toBe(404);
    const missing = await call(`${api}/items/ART-999999`, { headers: key });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
  it('filters by updatedSince and reports stock per warehouse', async () => {
    const item = await firstGoods();
    const since = new Date(Date.now() + 1000).toISOString();
    await call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds: 10 } });
    await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP02', quantity: 17 } });
    const changed = await call(`${api}/stock?updatedSince=${encodeURIComponent(since)}`, { headers: key });
    expect(changed.body.items).toEqual([expect.objectContaining({ itemCode: item.code, warehouse: 'DEP02', onHand: '17.000', available: '17.000' })]);
    expect((await call(`${api}/stock?updatedSince=yesterday`, { headers: key })).body.error.details[0].field).toBe('updatedSince');
    expect((await call(`${api}/stock?warehouse=DEP77`, { headers: key })).body.error.details[0].field).toBe('warehouse');
    const bad = await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'X', quantity: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field)).toEqual(['warehouse', 'quantity']);
  });
  it('inspects and edits items through the control API; price changes show in updatedSince', async () => {
    const item = await firstGoods();
    const ctl = await call(`${base}/_sandbox/items/${item.code}`);
    expect(ctl.body).toMatchObject({ code: item.code, price: { itemCode: item.code, currency: 'RON' } });
    expect(ctl.body.stock.map((r: any) => r.warehouse)).toEqual(['DEP01', 'DEP02', 'DEP09']);
    expect((await call(`${api}/price-lists`, { headers: key })).body).toEqual([{ code: 'PL-ONLINE', currency: 'RON', pricesIncludeVat: false }]);
    const since = new Date(Date.now() + 1000).toISOString();
    await call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds: 5 } });
    const patched = await call(`${base}/_sandbox/items/${item.code}`, { method: 'PATCH', json: { priceNet: '100.00', vatCode: 'S21' } });
    expect(patched.status).toBe(200);
    const changed = (await call(`${api}/price-lists/PL-ONLINE/prices?updatedSince=${encodeURIComponent(since)}`, { headers: key })).body.items;
    expect(changed).toEqual([expect.objectContaining({ itemCode: item.code, price: '100.00', priceInclVat: '121.00', vatCode: 'S21' })]);
    expect((await call(`${base}/_sandbox/items/${item.code}`, { method: 'PATCH', json: { priceNet: 'free' } })).body.details[0].field).toBe('priceNet');
    expect((await call(`${base}/_sandbox/items/NOPE`)).status).toBe(404);
  });
  it('upserts partners by externalRef and validates Romanian CIFs', async () => {
    const p = { externalRef: 'cdon:SE:customer:9f1c2a', type: 'person', name: 'Anna Svensson', country: 'SE', email: 'anna@example.se', address: { street: 'Storgatan 1', city: 'Malmö', postalCode: '21142', country: 'SE' } };
    const created = await post('/partners', p, null);
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('P-000001');
    const updated = await post('/partners', { ...p, name: 'Anna S.' }, null);
    expect(updated.status).toBe(200);
    expect(updated.body.id).toBe('P-000001');
    expect((await call(`${api}/partners?externalRef=${encodeURIComponent(p.externalRef)}`, { headers: key })).body.items[0].name).toBe('Anna S.');
    expect((await call(`${api}/partners/P-000001`, { headers: key })).body.externalRef).toBe(p.externalRef);
    expect((await call(`${api}/partners/P-999999`, { headers: key })).status).toBe(404);
    const company = { externalRef: 'ro-co', type: 'company', name: 'Firma SRL', country: 'RO' };
    expect((await post('/partners', { ...company, cif: 'RO13548146' }, null)).status).toBe(201);
    const badCif = await post('/partners', { ...company, externalRef: 'ro-co-2', cif: '13548147' }, null);
    expect(badCif.status).toBe(422);
    expect(badCif.body.error.details[0].field).toBe('cif');
    const badEmail = await post('/partners', { ...p, email: 'not-an-email' }, null);
    expect(badEmail.body.error.details[0].field).toBe('email');
  });
});

describe('Charisma sales orders', () => {
  it('creates an order with ERP totals and reserves stock', async () => {
    const item = await firstGoods();
    await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 5 } });
    const r = await post('/sales-orders', orderBody(item.code, 'CDON-SE-400123456'), 'key-1');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: expect.stringMatching(/^SO-\d{4}-000001$/), series: 'CMD', number: '000001', status: 'confirmed', externalRef: 'CDON-SE-400123456', currency: 'SEK', totals: { net: '254.67', vat: '63.67', gross: '318.34' } });
    expect(await stockOf(item.code)).toMatchObject({ onHand: '5.000', reserved: '1.000', available: '4.000' });
    const byRef = await call(`${api}/sales-orders?externalRef=CDON-SE-400123456`, { headers: key });
    expect(byRef.body.items.map((o: any) => o.id)).toEqual([r.body.id]);
    expect((await call(`${api}/sales-orders?externalRef=none`, { headers: key })).body.items).toEqual([]);
    const ctl = await call(`${base}/_sandbox/sales-orders`);
    expect(ctl.body.salesOrders[0].externalRef).toBe('CDON-SE-400123456');
  });
  it('replays the same Idempotency-Key byte for byte and refuses a reused externalRef', async () => {
    const item = await firstGoods();
    const body = orderBody(item.code, 'CDON-SE-1');
    const first = await post('/sales-orders', body, 'k-1');
    const replay = await post('/sales-orders', body, 'k-1');
    expect(replay.status).toBe(first.status);
    expect(replay.text).toBe(first.text);
    const other = await post('/sales-orders', body, 'k-2');
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'DUPLICATE_EXTERNAL_REF', existingId: first.body.id });
    const changed = await post('/sales-orders', { ...body, notes: 'x' }, 'k-1');
    expect(changed.status).toBe(422);
    expect(changed.body.error.details[0].field).toBe('Idempotency-Key');
    const noKey = await post('/sales-orders', orderBody(item.code, 'CDON-SE-2'), null);
    expect(noKey.status).toBe(422);
    expect(noKey.body.error.details[0].field).toBe('Idempotency-Key');
    expect((await call(`${base}/_sandbox/sales-orders`)).body.salesOrders).toHaveLength(1);
  });
  it('creates exactly one order under concurrent duplicate deliveries', async () => {
    const item = await firstGoods();
    await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 50 } });
    const body = orderBody(item.code, 'CDON-SE-CONC');
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => post('/sales-orders', body, `conc-${i % 4}`)));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(5);
    expect(new Set(rs.filter((r) => r.status === 201).map((r) => r.text)).size).toBe(1);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(15);
    expect((await call(`${base}/_sandbox/sales-orders`)).body.salesOrders).toHaveLength(1);
    expect((await stockOf(item.code)).reserved).toBe('1.000');
  });
  it('never reserves more than is available under concurrent orders for different references', async () => {
    const item = await firstGoods();
    await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 5 } });
    const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => post('/sales-orders', orderBody(item.code, `PAR-${i}`), `par-${i}`)));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(5);
    expect(rs.filter((r) => r.status === 409).every((r) => r.body.error.code === 'INSUFFICIENT_STOCK')).toBe(true);
    expect(await stockOf(item.code)).toMatchObject({ onHand: '5.000', reserved: '5.000', available: '0.000' });
  });
  it('validates orders naming the field', async () => {
    const item = await firstGoods();
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ lines: [{ ...orderBody(item.code, 'x').lines[0], itemCode: 'ART-999999' }] }, 422, 'ITEM_NOT_FOUND', 'lines[0].itemCode'],
      [{ lines: [{ ...orderBody(item.code, 'x').lines[0], vatCode: 'S19', vatRate: '19.00' }] }, 422, 'VALIDATION_FAILED', 'lines[0].vatCode'],
      [{ lines: [{ ...orderBody(item.code, 'x').lines[0], vatRate: '21.00' }] }, 422, 'VALIDATION_FAILED', 'lines[0].vatRate'],
      [{ lines: [{ ...orderBody(item.code, 'x').lines[0], quantity: 1 }] }, 422, 'VALIDATION_FAILED', 'lines[0].quantity'],
      [{ lines: [{ ...orderBody(item.code, 'x').lines[0], quantity: '100000.000' }] }, 409, 'INSUFFICIENT_STOCK', 'lines[0].quantity'],
      [{ currency: 'USD' }, 422, 'VALIDATION_FAILED', 'currency'],
      [{ orderDate: '2026-11-20' }, 422, 'VALIDATION_FAILED', 'orderDate'],
      [{ lines: [] }, 422, 'VALIDATION_FAILED', 'lines'],
      [{ partner: { externalRef: 'nobody' } }, 422, 'VALIDATION_FAILED', 'partner.externalRef'],
      [{ warehouse: 'DEP09' }, 422, 'VALIDATION_FAILED', 'warehouse'],
    ];
    for (const [patch, status, code, field] of cases) {
      const r = await post('/sales-orders', orderBody(item.code, `bad-${field}`, patch), `bad-${field}-${code}`);
      expect([r.status, r.body.error.code, r.body.error.details[0].field]).toEqual([status, code, field]);
    }
    const garbage = await call(`${api}/sales-orders`, { method: 'POST', headers: { ...key, 'Idempotency-Key': 'g', 'content-type': 'application/json' }, body: '[[[' });
    expect(garbage.status).toBe(422);
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { closedBefore: '2026-12' } });
    const closed = await post('/sales-orders', orderBody(item.code, 'closed'), 'closed');
    expect([closed.status, closed.body.error.code]).toEqual([409, 'PERIOD_CLOSED']);
  });
  it('accepts over-available quantities when configured, reserving them', async () => {
    const item = await firstGoods();
    await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 1 } });
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { insufficientStock: 'accept' } });
    const r = await post('/sales-orders', orderBody(item.code, 'over', { lines: [{ ...orderBody(item.code, 'x').lines[0], quantity: '3.000' }] }), 'over');
    expect(r.status).toBe(201);
    expect(await stockOf(item.code)).toMatchObject({ onHand: '1.000', reserved: '3.000', available: '0.000' });
  });
  it('cancels (releasing stock), records shipments, and refuses cancelling invoiced orders', async () => {
    const item = await firstGoods();
    await call(`${base}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 10 } });
    const a = await post('/sales-orders', orderBody(item.code, 'A'), 'A');
    const c = await call(`${api}/sales-orders/${a.body.id}/cancel`, { method: 'POST', headers: key, json: { reason: 'customer_cancelled' } });
    expect(c.body).toEqual({ id: a.body.id, status: 'cancelled' });
    expect((await stockOf(item.code)).reserved).toBe('0.000');
    const b = await post('/sales-orders', orderBody(item.code, 'B'), 'B');
    const ship = await call(`${api}/sales-orders/${b.body.id}/shipment`, { method: 'PUT', headers: key, json: { carrier: 'DHL', product: 'P', awb: '1234567890', shippedAt: '2026-11-22T10:00:00+02:00' } });
    expect(ship.body).toMatchObject({ status: 'delivered', shipment: { awb: '1234567890' } });
    expect(await stockOf(item.code)).toMatchObject({ onHand: '9.000', reserved: '0.000' });
    expect((await call(`${api}/sales-orders/${b.body.id}/shipment`, { method: 'PUT', headers: key, json: { carrier: 'DHL' } })).body.error.details[0].field).toBe('awb');
    await call(`${base}/_sandbox/sales-orders/${b.body.id}/invoice`, { method: 'POST' });
    const refused = await call(`${api}/sales-orders/${b.body.id}/cancel`, { method: 'POST', headers: key });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'ALREADY_INVOICED']);
    expect((await call(`${api}/sales-orders/SO-0000-000000`, { headers: key })).status).toBe(404);
  });
});
