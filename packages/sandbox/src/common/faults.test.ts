/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.ts';
import { buildCdonServer } from '../cdon/server.ts';
import { buildCharismaServer } from '../charisma/server.ts';
import { buildDhlServer } from '../dhl/server.ts';
import { buildFxServer } from '../fx/server.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { basic, call, listen } from '../test-helpers.ts';

const M = SANDBOX_CREDENTIALS.cdon.merchants[0] as { merchantId: string; token: string };
const cdonAuth = { authorization: basic(M.merchantId, M.token) };
const key = { 'x-api-key': SANDBOX_CREDENTIALS.charisma.apiKey };

describe('FaultInjector', () => {
  it('is deterministic for a seed and honours rates roughly', () => {
    const seq = (seed: number): string[] => {
      const f = new FaultInjector([{ rate429: 0.5, seed }]);
      return Array.from({ length: 200 }, () => f.decide('GET', '/x').action.kind);
    };
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
    const n429 = seq(7).filter((k) => k === '429').length;
    expect(n429).toBeGreaterThan(70);
    expect(n429).toBeLessThan(130);
  });
  it('matches path prefixes with an optional method and expires after count', () => {
    const f = new FaultInjector([{ path: 'PUT /api/v2/articles/bulk', rate5xx: 1, count: 2 }]);
    expect(f.decide('POST', '/api/v2/articles/bulk').action.kind).toBe('none');
    expect(f.decide('PUT', '/api/v1/orders/1').action.kind).toBe('none');
    expect(f.decide('PUT', '/api/v2/articles/bulk').action.kind).toBe('5xx');
    expect(f.decide('PUT', '/api/v2/articles/bulk').action.kind).toBe('5xx');
    expect(f.decide('PUT', '/api/v2/articles/bulk').action.kind).toBe('none');
    expect(f.list()).toEqual([]);
  });
});

describe('fault modes over HTTP', () => {
  const cdon = buildCdonServer({ articleProcessingDelayMs: 0, faults: [{ path: '/api/v1/categories', rate429: 1, retryAfterS: 7, count: 1 }] });
  const charisma = buildCharismaServer({ products: 5 });
  let c = '';
  let e = '';
  beforeAll(async () => {
    c = await listen(cdon.app);
    e = await listen(charisma.app);
  });
  afterAll(async () => {
    await cdon.app.close();
    await charisma.app.close();
  });

  it('applies faults configured at start (429 with Retry-After in the CDON shape)', async () => {
    const r = await call(`${c}/api/v1/categories/SE/sv-SE/`, { headers: cdonAuth });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.body).toEqual({ description: 'Too many requests' });
    expect((await call(`${c}/api/v1/categories/SE/sv-SE/`, { headers: cdonAuth })).status).toBe(200);
  });
  it('sets, lists, validates and clears faults at run time; never faults /_sandbox', async () => {
    const bad = await call(`${c}/_sandbox/faults`, { method: 'POST', json: { rate429: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('rate429');
    expect((await call(`${c}/_sandbox/faults`, { method: 'POST', json: { unknown: 1 } })).status).toBe(400);
    await call(`${c}/_sandbox/faults`, { method: 'POST', json: { rate5xx: 1, status5xx: 502 } });
    expect((await call(`${c}/_sandbox/faults`)).body.faults).toHaveLength(1);
    const r = await call(`${c}/api/v1/orders/`, { headers: cdonAuth });
    expect(r.status).toBe(502);
    expect(r.body.description).toBeDefined();
    expect((await call(`${c}/_sandbox/articles`)).status).toBe(200);
    await call(`${c}/_sandbox/faults`, { method: 'DELETE' });
    expect((await call(`${c}/api/v1/orders/`, { headers: cdonAuth })).status).toBe(200);
  });
  it('adds latency', async () => {
    await call(`${c}/_sandbox/faults`, { method: 'PUT', json: [{ path: '/api/v1/orders', latencyMs: 250, count: 1 }] });
    const t0 = Date.now();
    expect((await call(`${c}/api/v1/orders/`, { headers: cdonAuth })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });
  it('resets connections', async () => {
    await call(`${c}/_sandbox/faults`, { method: 'POST', json: { resetRate: 1, count: 1 } });
    await expect(fetch(`${c}/api/v1/orders/`, { headers: cdonAuth })).rejects.toThrow();
    expect((await call(`${c}/api/v1/orders/`, { headers: cdonAuth })).status).toBe(200);
  });
  it('answers 503 ERP_UNAVAILABLE with Retry-After in the Charisma envelope', async () => {
    await call(`${e}/_sandbox/faults`, { method: 'POST', json: { path: '/api/v1/items', rate5xx: 1, status5xx: 503, retryAfterS: 30, count: 1 } });
    const r = await call(`${e}/api/v1/items`, { headers: key });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('30');
    expect(r.body.error.code).toBe('ERP_UNAVAILABLE');
    await call(`${e}/_sandbox/faults`, { method: 'POST', json: { path: '/api/v1/items', rate429: 1, count: 1 } });
    expect((await call(`${e}/api/v1/items`, { headers: key })).body.error.code).toBe('RATE_LIMITED');
  });
  it('loses the response after the side effect happened (replay then returns the original)', async () => {
    const item = (await call(`${e}/api/v1/items?pageSize=3`, { headers: key })).body.items.find((i: any) => i.type === 'goods');
    await call(`${e}/_sandbox/items/${item.code}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 5 } });
    const body = { externalRef: 'LOST-1', orderDate: '2026-11-20T10:00:00+02:00', currency: 'RON', pricesIncludeVat: true, lines: [{ lineNo: 1, itemCode: item.code, quantity: '1.000', unitPrice: '10.00', vatCode: 'S21' }] };
    await call(`${e}/_sandbox/faults`, { method: 'POST', json: { path: 'POST /api/v1/sales-orders', lostResponseRate: 1, count: 1 } });
    await expect(fetch(`${e}/api/v1/sales-orders`, { method: 'POST', headers: { ...key, 'Idempotency-Key': 'lost', 'content-type': 'application/json' }, body: JSON.stringify(body) })).rejects.toThrow();
    const orders = (await call(`${e}/_sandbox/sales-orders?externalRef=LOST-1`)).body.salesOrders;
    expect(orders).toHaveLength(1);
    const retry = await call(`${e}/api/v1/sales-orders`, { method: 'POST', headers: { ...key, 'Idempotency-Key': 'lost' }, json: body });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(orders[0].id);
    expect((await call(`${e}/_sandbox/faults`)).body.stats.lost).toBe(1);
  });
});

describe('CDON rate limiting (harness)', () => {
  it('applies a per-merchant token bucket with Retry-After', async () => {
    const cdon = buildCdonServer({ rateLimit: { ratePerS: 1, burst: 3, perRoute: false } });
    const c = await listen(cdon.app);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await call(`${c}/api/v1/orders/`, { headers: cdonAuth })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const r = await call(`${c}/api/v1/orders/`, { headers: cdonAuth });
      expect(r.body).toEqual({ description: 'Too many requests' });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const other = SANDBOX_CREDENTIALS.cdon.merchants[1] as { merchantId: string; token: string };
      expect((await call(`${c}/api/v1/orders/`, { headers: { authorization: basic(other.merchantId, other.token) } })).status).toBe(200);
      await call(`${c}/_sandbox/config`, { method: 'POST', json: { rateLimit: null } });
      expect((await call(`${c}/api/v1/orders/`, { headers: cdonAuth })).status).toBe(200);
    } finally {
      await cdon.app.close();
    }
  });
});

describe('fault bodies of DHL and FX', () => {
  it('uses each system\u2019s shape', async () => {
    const dhl = buildDhlServer({ faults: [{ rate5xx: 1, count: 1 }] });
    const fx = buildFxServer({ faults: [{ rate429: 1, count: 1 }] });
    const d = await listen(dhl.app);
    const f = await listen(fx.app);
    try {
      const r = await call(`${d}/mydhlapi/shipments/1/tracking`);
      expect(r.status).toBe(500);
      expect(r.body.detail).toMatch(/^999: Process failure occurred/);
      const x = await call(`${f}/bnr/nbrfxrates.xml`);
      expect(x.status).toBe(429);
      expect(x.headers.get('retry-after')).toBe('1');
      await call(`${d}/_sandbox/faults`, { method: 'POST', json: { path: '/track', malformedRate: 1, count: 1 } });
      const m = await call(`${d}/track/shipments?trackingNumber=1`, { headers: { 'DHL-API-Key': SANDBOX_CREDENTIALS.dhl.trackingApiKey } });
      expect(m.status).toBe(404);
      expect(() => JSON.parse(m.text)).toThrow();
    } finally {
      await dhl.app.close();
      await fx.app.close();
    }
  });
});
