/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from './common/rng.ts';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from './index.ts';
import { basic, call } from './test-helpers.ts';

const M = SANDBOX_CREDENTIALS.cdon.merchants[0] as { merchantId: string; token: string };
const D = SANDBOX_CREDENTIALS.dhl;
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, articleProcessingDelayMs: 0 });
});
afterAll(() => sb.close());

/** Garbage bodies: wrong types, deep nesting, huge values, broken JSON, odd content types. */
function garbage(seed: number): Array<{ body: string; type: string }> {
  const rng = mulberry32(seed);
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: [deep(n - 1)] });
  const values: unknown[] = [null, [], {}, 'text', 42, true, { articles: 'x' }, { actions: [null, 1, 'a', { sku: 5, action: {} }] },
    { articles: [{ sku: {}, price: 'free', markets: 'SE', title: [null], shipping_time: [{}] }] }, { batch_ids: [1, null] }, { skus: 'a' },
    { externalRef: 1e308, lines: [{ quantity: -1, unitPrice: 'NaN' }] }, { lines: 'x', partner: [] }, { tracking_information: [null] },
    { plannedShippingDateAndTime: {}, content: { packages: [null, { weight: -1, dimensions: 'big' }] }, customerDetails: [] },
    { article_id: ['x'], quantity: 1.5 }, deep(200), { ['__proto__']: { polluted: true } }, { seconds: 'soon' }, { products: -5 }];
  const out = values.map((v) => ({ body: JSON.stringify(v) ?? '', type: 'application/json' }));
  out.push({ body: '{"unterminated": [', type: 'application/json' }, { body: '\u0000\u00ff\ufffd', type: 'application/json' },
    { body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }, { body: '<xml/>', type: 'text/xml' });
  for (let i = 0; i < 10; i += 1) out.push({ body: Array.from({ length: 50 }, () => String.fromCharCode(Math.floor(rng() * 256))).join(''), type: 'application/json' });
  return out;
}

describe('garbage input never crashes a simulator', () => {
  it('answers 4xx (or a 202 accepting nothing), never 5xx, on every write route and stays up', async () => {
    const cdon = { authorization: basic(M.merchantId, M.token) };
    const charisma = { 'x-api-key': SANDBOX_CREDENTIALS.charisma.apiKey, 'idempotency-key': 'fuzz' };
    const dhl = { authorization: basic(D.username, D.password), 'x-version': '3.1.0' };
    const routes: Array<[string, string, Record<string, string>]> = [
      ['POST', `${sb.urls.cdon}/api/v2/articles/bulk`, cdon], ['PUT', `${sb.urls.cdon}/api/v2/articles/bulk`, cdon],
      ['POST', `${sb.urls.cdon}/api/v1/statuses/batch`, cdon], ['POST', `${sb.urls.cdon}/api/v1/statuses/sku`, cdon],
      ['POST', `${sb.urls.cdon}/api/v1/orders/`, cdon], ['PUT', `${sb.urls.cdon}/api/v1/orders/1/fulfill`, cdon],
      ['POST', `${sb.urls.cdon}/_sandbox/orders`, {}], ['POST', `${sb.urls.cdon}/_sandbox/faults`, {}], ['POST', `${sb.urls.cdon}/_sandbox/config`, {}],
      ['POST', `${sb.urls.charisma}/api/v1/oauth/token`, {}], ['POST', `${sb.urls.charisma}/api/v1/sales-orders`, charisma],
      ['POST', `${sb.urls.charisma}/api/v1/partners`, charisma], ['POST', `${sb.urls.charisma}/api/v1/returns`, charisma],
      ['PUT', `${sb.urls.charisma}/api/v1/sales-orders/SO-1/shipment`, charisma], ['POST', `${sb.urls.charisma}/_sandbox/items/ART-000001/stock`, {}],
      ['POST', `${sb.urls.dhl}/mydhlapi/shipments`, dhl], ['POST', `${sb.urls.dhl}/mydhlapi/test/pickups`, dhl],
      ['POST', `${sb.urls.dhl}/_sandbox/clock/advance`, {}], ['POST', `${sb.urls.fx}/_sandbox/seed`, {}],
    ];
    let n = 0;
    for (const [method, url, headers] of routes) {
      for (const g of garbage(n)) {
        const r = await call(url, { method, headers: { ...headers, 'content-type': g.type }, body: g.body });
        if (r.status >= 500) throw new Error(`${method} ${url} with ${g.body.slice(0, 60)} → ${r.status} ${r.text.slice(0, 200)}`);
        // Bulk routes validate per item: a 202 is fine as long as nothing garbage was accepted.
        if (r.status < 400 && !url.includes('/_sandbox/')) expect([method, url, g.body, r.status, r.body?.success]).toEqual([method, url, g.body, 202, []]);
        n += 1;
      }
    }
    expect(({} as any).polluted).toBeUndefined();
    for (const url of Object.values(sb.urls)) expect((await call(`${url}/_sandbox/clock`)).status).toBe(200);
  });
});
