import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_CREDENTIALS } from '@megzo/sandbox';
import { ConfigError, RecordError, TransientError } from '@megzo/domain';
import { runConnectorContract } from '../testing/contract.ts';
import type { ErpConnectorInstance, SalesOrderInput } from '../contract/kinds.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import { charismaConnector } from './index.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const C = SANDBOX_CREDENTIALS.charisma;

const cfg = (sb: Sandbox, extra: Record<string, unknown> = {}) => ({ baseUrl: sb.urls.charisma, clientId: C.clientId, clientSecret: C.clientSecret, pageSize: 20, ...extra });

async function sandboxNow(sb: Sandbox): Promise<string> {
  const r = (await (await fetch(`${sb.urls.charisma}/_sandbox/clock`)).json()) as { now: string };
  return r.now;
}

async function allItemCodes(sb: Sandbox): Promise<string[]> {
  const codes: string[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${sb.urls.charisma}/api/v1/items?page=${page}&pageSize=500`, { headers: { 'X-Api-Key': C.apiKey } });
    const body = (await res.json()) as { items: Array<{ code: string }>; hasMore: boolean };
    codes.push(...body.items.map((i) => i.code));
    if (!body.hasMore) return codes;
  }
}

async function orderFor(sb: Sandbox, externalRef: string): Promise<SalesOrderInput> {
  return {
    externalRef,
    channel: 'CDON',
    market: 'SE',
    orderDate: await sandboxNow(sb),
    currency: 'SEK',
    pricesIncludeVat: true,
    partner: { externalRef: `cdon:SE:customer:${externalRef}` },
    shippingAddress: { name: 'Anna Svensson', street: 'Storgatan 1', city: 'Malmö', postalCode: '21142', country: 'SE', phone: '+46701234567' },
    warehouse: 'DEP01',
    lines: [{ lineNo: 1, externalLineRef: `${externalRef}-1`, itemCode: 'ART-000001', quantity: '1.000', unit: 'BUC', unitPrice: '269.34', vatCode: 'OSS-SE-25', vatRate: '25.00', discount: '0.00' }],
    notes: 'contract test',
  };
}

async function ensurePartner(inst: ErpConnectorInstance, externalRef: string) {
  return inst.findOrCreatePartner({
    externalRef,
    type: 'person',
    name: 'Anna Svensson',
    country: 'SE',
    email: 'anna@example.se',
    phone: '+46701234567',
    address: { street: 'Storgatan 1', city: 'Malmö', postalCode: '21142', country: 'SE' },
  });
}

async function countOrders(sb: Sandbox, externalRef: string): Promise<number> {
  const body = (await (await fetch(`${sb.urls.charisma}/_sandbox/sales-orders?externalRef=${encodeURIComponent(externalRef)}`)).json()) as unknown;
  const list = Array.isArray(body) ? body : ((body as { items?: unknown[]; salesOrders?: unknown[] }).items ?? (body as { salesOrders?: unknown[] }).salesOrders ?? []);
  return list.length;
}

let contractSb: Sandbox;
runConnectorContract<ErpConnectorInstance>({
  features: { read: true, write: true },
  connector: charismaConnector,
  async setup() {
    contractSb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 50, seed: 1, articleProcessingDelayMs: 0 });
    const sb = contractSb;
    const ref = 'CDON-SE-CONTRACT-1';
    const order = await orderFor(sb, ref);
    return {
      config: cfg(sb),
      badCredentials: cfg(sb, { clientSecret: 'wrong-secret' }),
      controlUrl: sb.urls.charisma,
      faultPath: '/api/v1/sales-orders',
      probe: (i) => i.findSalesOrderByExternalRef('does-not-exist'),
      read: { stream: 'items', pageSize: 20, expectedKeys: () => allItemCodes(sb) },
      write: {
        path: 'POST /api/v1/sales-orders',
        perform: async (i) => {
          await ensurePartner(i, order.partner.externalRef);
          return i.createSalesOrder(order, { idempotencyKey: `so:${ref}` });
        },
        count: () => countOrders(sb, ref),
      },
    };
  },
  teardown: () => contractSb.close(),
});

describe('erp-charisma specifics', () => {
  let sb: Sandbox;
  let erp: ErpConnectorInstance;
  beforeAll(async () => {
    sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 30, seed: 7, articleProcessingDelayMs: 0 });
    erp = charismaConnector.open(cfg(sb), { limiters: new LimiterRegistry() });
  });
  afterAll(() => sb.close());

  it('reads canonical products joined with price and VAT; items without a price are kept as record errors', async () => {
    const products = [];
    const errors = [];
    for await (const m of erp.read('products', null)) {
      if (m.type === 'record') products.push(m.record);
      if (m.type === 'recordError') errors.push(m);
    }
    expect(products.length).toBeGreaterThan(20);
    const p = products[0] as { sku: string; netPrice: string; vatRate: string; currency: string };
    expect(p.netPrice).toMatch(/^\d+\.\d{2}$/);
    expect(p.vatRate).toMatch(/^\d+\.\d{2}$/);
    expect(p.currency).toBe('RON');
    for (const e of errors) expect(e.error).toBeInstanceOf(RecordError);
  });

  it('reads stock levels as whole units and picks up a stock change incrementally', async () => {
    let state: Record<string, unknown> | null = null;
    for await (const m of erp.read('stockLevels', null)) if (m.type === 'checkpoint') state = m.state;
    // the sandbox clock only moves when told to: the change gets a later updatedAt
    await fetch(`${sb.urls.charisma}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 5 }) });
    await fetch(`${sb.urls.charisma}/_sandbox/items/ART-000002/stock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ warehouse: 'DEP01', quantity: 77 }) });
    const changed = [];
    for await (const m of erp.read('stockLevels', state)) if (m.type === 'record') changed.push(m.record);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ sku: 'ART-000002', warehouse: 'DEP01', onHand: 77 });
  });

  it('creates a sales order once: same key replays, another key resolves to the existing order, find by external ref', async () => {
    const order = await orderFor(sb, 'CDON-SE-400123456');
    const partner = await ensurePartner(erp, order.partner.externalRef);
    expect(partner.created).toBe(true);
    expect((await ensurePartner(erp, order.partner.externalRef)).created).toBe(false);
    const a = await erp.createSalesOrder(order, { idempotencyKey: 'k1' });
    const b = await erp.createSalesOrder(order, { idempotencyKey: 'k1' });
    const c = await erp.createSalesOrder(order, { idempotencyKey: 'k2' });
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect((await erp.findSalesOrderByExternalRef('CDON-SE-400123456'))?.id).toBe(a.id);
    expect(await erp.findSalesOrderByExternalRef('CDON-SE-none')).toBeNull();
    expect(await countOrders(sb, 'CDON-SE-400123456')).toBe(1);
  });

  it('rejects an unknown item as a RecordError naming the field, and bad input before sending', async () => {
    const order = await orderFor(sb, 'CDON-SE-BAD-ITEM');
    await ensurePartner(erp, order.partner.externalRef);
    const bad = { ...order, lines: [{ ...order.lines[0]!, itemCode: 'ART-999999' }] };
    const err = await erp.createSalesOrder(bad, { idempotencyKey: 'bad-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordError);
    expect((err as RecordError).code).toBe('ITEM_NOT_FOUND');
    const local = await erp.createSalesOrder({ ...order, lines: [] }, { idempotencyKey: 'bad-2' }).catch((e: unknown) => e);
    expect(local).toBeInstanceOf(RecordError);
    expect((local as RecordError).path).toBe('lines');
  });

  it('invoices: PDF_NOT_READY is transient, then the PDF is returned; invoice stream emits it', async () => {
    const order = await orderFor(sb, 'CDON-SE-INV-1');
    await ensurePartner(erp, order.partner.externalRef);
    const so = await erp.createSalesOrder(order, { idempotencyKey: 'inv-1' });
    await fetch(`${sb.urls.charisma}/_sandbox/sales-orders/${so.id}/invoice`, { method: 'POST' });
    const [inv] = await erp.listInvoices({ salesOrderId: so.id });
    expect(inv).toBeDefined();
    const fast = charismaConnector.open(cfg(sb), { limiters: new LimiterRegistry(), retry: { retries: 0 } }) as ErpConnectorInstance;
    const first = await fast.getInvoicePdf(inv!.id).catch((e: unknown) => e);
    if (first instanceof Error) {
      expect(first).toBeInstanceOf(TransientError);
      expect((first as TransientError).code).toBe('PDF_NOT_READY');
      await fetch(`${sb.urls.charisma}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 600 }) });
    }
    const pdf = await erp.getInvoicePdf(inv!.id);
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(pdf.filename).toMatch(/\.pdf$/);
    const keys = [];
    for await (const m of erp.read('invoices', null)) if (m.type === 'record') keys.push(m.key);
    expect(keys).toContain(inv!.id);
  });

  it('cancels an order, and refuses to cancel an invoiced one', async () => {
    const o1 = await orderFor(sb, 'CDON-SE-CANCEL-1');
    await ensurePartner(erp, o1.partner.externalRef);
    const so = await erp.createSalesOrder(o1, { idempotencyKey: 'c-1' });
    expect((await erp.cancelSalesOrder(so.id, 'customer_cancelled')).status).toBe('cancelled');
    const o2 = await orderFor(sb, 'CDON-SE-CANCEL-2');
    await ensurePartner(erp, o2.partner.externalRef);
    const so2 = await erp.createSalesOrder(o2, { idempotencyKey: 'c-2' });
    await fetch(`${sb.urls.charisma}/_sandbox/sales-orders/${so2.id}/invoice`, { method: 'POST' });
    const err = await erp.cancelSalesOrder(so2.id, 'customer_cancelled').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordError);
    expect((err as RecordError).code).toBe('ALREADY_INVOICED');
  });

  it('registers a return idempotently', async () => {
    const o = await orderFor(sb, 'CDON-SE-RET-1');
    await ensurePartner(erp, o.partner.externalRef);
    const so = await erp.createSalesOrder(o, { idempotencyKey: 'r-so' });
    await erp.setSalesOrderShipment(so.id, { carrier: 'DHL', awb: '1103733901', shippedAt: await sandboxNow(sb) });
    const input = { externalRef: 'CDON-RET-1', salesOrderId: so.id, reason: 'customer_withdrawal' as const, lines: [{ itemCode: 'ART-000001', quantity: '1.000', restock: true, warehouse: 'DEP01' }] };
    const a = await erp.createReturn(input, { idempotencyKey: 'ret-1' });
    const b = await erp.createReturn(input, { idempotencyKey: 'ret-2' });
    expect(b.id).toBe(a.id);
    await fetch(`${sb.urls.charisma}/_sandbox/returns/${a.id}/credit`, { method: 'POST' });
    const seen = [];
    for await (const m of erp.read('returns', null)) if (m.type === 'record') seen.push(m.record);
    expect(seen).toContainEqual(expect.objectContaining({ id: a.id, status: 'credited' }));
    const notes = await erp.listInvoices({ type: 'credit_note' });
    expect(notes.length).toBeGreaterThan(0);
    const credit = [];
    for await (const m of erp.read('creditNotes', null)) if (m.type === 'record') credit.push(m.key);
    expect(credit).toContain(notes[0]!.id);
  });

  it('uses the static API key when configured, and a wrong key is a ConfigError', async () => {
    await expect(charismaConnector.check({ baseUrl: sb.urls.charisma, authMode: 'apiKey', apiKey: C.apiKey })).resolves.toBeUndefined();
    await expect(charismaConnector.check({ baseUrl: sb.urls.charisma, authMode: 'apiKey', apiKey: 'nope' })).rejects.toBeInstanceOf(ConfigError);
    const err = await charismaConnector.check({ baseUrl: sb.urls.charisma, authMode: 'oauth', clientId: 'x' }).catch((e: unknown) => e);
    expect((err as ConfigError).path).toBe('clientSecret');
  });

  const sandboxConfig = (body: unknown) => fetch(`${sb.urls.charisma}/_sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refreshes an expired token transparently (TOKEN_EXPIRED)', async () => {
    await sandboxConfig({ tokenTtlS: 60 });
    const fresh = charismaConnector.open(cfg(sb), { limiters: new LimiterRegistry() }) as ErpConnectorInstance;
    expect(await fresh.findSalesOrderByExternalRef('none-1')).toBeNull();
    await fetch(`${sb.urls.charisma}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 3600 }) });
    expect(await fresh.findSalesOrderByExternalRef('none-2')).toBeNull();
    await sandboxConfig({ tokenTtlS: 3600 });
  });

  it('maps INSUFFICIENT_STOCK, PERIOD_CLOSED, NOT_FOUND and an invalid VAT code to record errors', async () => {
    const o = await orderFor(sb, 'CDON-SE-ERR-1');
    await ensurePartner(erp, o.partner.externalRef);
    const tooMany = await erp.createSalesOrder({ ...o, lines: [{ ...o.lines[0]!, quantity: '999999.000' }] }, { idempotencyKey: 'e-1' }).catch((e: unknown) => e);
    expect((tooMany as RecordError).code).toBe('INSUFFICIENT_STOCK');
    const oldVat = await erp.createSalesOrder({ ...o, externalRef: 'CDON-SE-ERR-2', lines: [{ ...o.lines[0]!, vatCode: 'S19', vatRate: '19.00' }] }, { idempotencyKey: 'e-2' }).catch((e: unknown) => e);
    expect(oldVat).toBeInstanceOf(RecordError);
    await sandboxConfig({ closedBefore: '2100-01' });
    const closed = await erp.createSalesOrder({ ...o, externalRef: 'CDON-SE-ERR-3' }, { idempotencyKey: 'e-3' }).catch((e: unknown) => e);
    await sandboxConfig({ closedBefore: null });
    expect((closed as RecordError).code).toBe('PERIOD_CLOSED');
    const missing = await erp.getSalesOrder('SO-DOES-NOT-EXIST').catch((e: unknown) => e);
    expect((missing as RecordError).code).toBe('NOT_FOUND');
  });

  it('rejects a Romanian company partner with a bad CIF check digit, naming the field', async () => {
    const err = await erp
      .findOrCreatePartner({ externalRef: 'b2b:RO:1', type: 'company', name: 'EXEMPLU SRL', cif: '13548147', country: 'RO', address: { street: 'Str. 1', city: 'București', postalCode: '010101', country: 'RO' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordError);
    expect((err as RecordError).path).toBe('cif');
  });
});
