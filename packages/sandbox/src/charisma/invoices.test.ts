/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCharismaServer } from './server.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { call, listen } from '../test-helpers.ts';

const srv = buildCharismaServer({ products: 20, seed: 3 });
const key = { 'x-api-key': SANDBOX_CREDENTIALS.charisma.apiKey };
let base = '';
let api = '';
beforeAll(async () => {
  base = await listen(srv.app);
  api = `${base}/api/v1`;
});
afterAll(() => srv.app.close());
beforeEach(async () => {
  await call(`${base}/_sandbox/reset`, { method: 'POST' });
});

async function newOrder(ref: string, qty = '2.000'): Promise<{ order: any; itemCode: string }> {
  const items = (await call(`${api}/items?pageSize=10`, { headers: key })).body.items;
  const itemCode = items.find((i: any) => i.type === 'goods').code as string;
  await call(`${base}/_sandbox/items/${itemCode}/stock`, { method: 'POST', json: { warehouse: 'DEP01', quantity: 10 } });
  const r = await call(`${api}/sales-orders`, {
    method: 'POST', headers: { ...key, 'Idempotency-Key': ref },
    json: {
      externalRef: ref, orderDate: '2026-11-20T10:00:00+02:00', currency: 'SEK', pricesIncludeVat: true,
      lines: [{ lineNo: 1, itemCode, quantity: qty, unitPrice: '100.00', vatCode: 'OSS-SE-25' }],
      fx: { source: 'BNR', rateDate: '2026-11-19', ronPerUnit: '0.4641' },
    },
  });
  expect(r.status).toBe(201);
  return { order: r.body, itemCode };
}
const advance = (seconds: number) => call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds } });

describe('Charisma invoices', () => {
  it('issues the invoice automatically after the configured sandbox delay', async () => {
    const { order, itemCode } = await newOrder('AUTO-1');
    expect((await call(`${api}/invoices?salesOrderId=${order.id}`, { headers: key })).body.items).toEqual([]);
    await advance(31);
    const list = (await call(`${api}/invoices?salesOrderId=${order.id}`, { headers: key })).body.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ type: 'invoice', series: 'FCT', number: '0000001', fullNumber: 'FCT 0000001', status: 'issued', externalRef: 'AUTO-1', currency: 'SEK', totals: order.totals, eFactura: { applicable: false, status: 'not_applicable' }, pdfAvailable: true });
    const ron = list[0].totalsRon;
    expect(Number(ron.gross)).toBeCloseTo(Number(order.totals.gross) * 0.4641, 1);
    expect((await call(`${api}/sales-orders/${order.id}`, { headers: key })).body).toMatchObject({ status: 'invoiced', invoiceId: list[0].id });
    const stock = (await call(`${api}/stock?itemCode=${itemCode}&warehouse=DEP01`, { headers: key })).body.items[0];
    expect(stock).toMatchObject({ onHand: '8.000', reserved: '0.000' });
  });
  it('numbers invoices gap-free and can be issued on demand or disabled', async () => {
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { autoInvoiceAfterS: null } });
    const a = await newOrder('N-1', '1.000');
    const b = await newOrder('N-2', '1.000');
    await advance(3600);
    expect((await call(`${api}/invoices`, { headers: key })).body.total).toBe(0);
    const ib = await call(`${base}/_sandbox/sales-orders/${b.order.id}/invoice`, { method: 'POST' });
    const ia = await call(`${base}/_sandbox/sales-orders/${a.order.id}/invoice`, { method: 'POST' });
    const again = await call(`${base}/_sandbox/sales-orders/${a.order.id}/invoice`, { method: 'POST' });
    expect([ib.body.number, ia.body.number, again.body.number]).toEqual(['0000001', '0000002', '0000002']);
    expect((await call(`${base}/_sandbox/sales-orders/SO-X/invoice`, { method: 'POST' })).status).toBe(404);
  });
  it('serves a real PDF carrying series and number, PDF_NOT_READY before it is rendered', async () => {
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { pdfDelayS: 20 } });
    const { order } = await newOrder('PDF-1');
    const inv = (await call(`${base}/_sandbox/sales-orders/${order.id}/invoice`, { method: 'POST' })).body;
    expect(inv.pdfAvailable).toBe(false);
    const early = await call(`${api}/invoices/${inv.id}/pdf`, { headers: key });
    expect([early.status, early.body.error.code]).toEqual([409, 'PDF_NOT_READY']);
    await advance(21);
    const r = await fetch(`${api}/invoices/${inv.id}/pdf`, { headers: key });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="FCT_${inv.number}.pdf"`);
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(`FACTURA FCT ${inv.number}`);
    expect(doc.getAuthor()).toBe('EXEMPLU DISTRIBUTIE SRL');
    expect((await call(`${api}/invoices/INV-0/pdf`, { headers: key })).status).toBe(404);
    expect((await call(`${api}/invoices?type=proforma`, { headers: key })).body.error.details[0].field).toBe('type');
  });
});

describe('Charisma maintenance window', () => {
  it('answers 503 ERP_UNAVAILABLE with Retry-After inside the daily window (Bucharest time)', async () => {
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { maintenanceWindow: { from: '02:00', to: '02:30' } } });
    await call(`${base}/_sandbox/clock/set`, { method: 'POST', json: { at: '2026-11-20T00:10:00Z' } });
    const r = await call(`${api}/items`, { headers: key });
    expect([r.status, r.body.error.code]).toEqual([503, 'ERP_UNAVAILABLE']);
    expect(r.headers.get('retry-after')).toBe('300');
    await call(`${base}/_sandbox/clock/set`, { method: 'POST', json: { at: '2026-11-20T00:40:00Z' } });
    expect((await call(`${api}/items`, { headers: key })).status).toBe(200);
    expect((await call(`${base}/_sandbox/config`, { method: 'POST', json: { maintenanceWindow: { from: '2am', to: '3' } } })).body.details[0].field).toBe('maintenanceWindow.from');
  });
});

describe('Charisma returns and credit notes', () => {
  it('registers a return idempotently, credits it with a storno and restocks', async () => {
    const { order, itemCode } = await newOrder('RET-ORDER');
    const inv = (await call(`${base}/_sandbox/sales-orders/${order.id}/invoice`, { method: 'POST' })).body;
    const body = { externalRef: 'CDON-RET-77881', salesOrderId: order.id, invoiceId: inv.id, reason: 'customer_withdrawal', lines: [{ itemCode, quantity: '1.000', restock: true, warehouse: 'DEP01' }], receivedAt: '2026-11-25T11:00:00+02:00' };
    const r1 = await call(`${api}/returns`, { method: 'POST', headers: { ...key, 'Idempotency-Key': 'r1' }, json: body });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ id: expect.stringMatching(/^RET-\d{4}-000001$/), status: 'registered' });
    const replay = await call(`${api}/returns`, { method: 'POST', headers: { ...key, 'Idempotency-Key': 'r1' }, json: body });
    expect(replay.text).toBe(r1.text);
    const dup = await call(`${api}/returns`, { method: 'POST', headers: { ...key, 'Idempotency-Key': 'r2' }, json: body });
    expect([dup.status, dup.body.error.code, dup.body.error.existingId]).toEqual([409, 'DUPLICATE_EXTERNAL_REF', r1.body.id]);
    const before = (await call(`${api}/stock?itemCode=${itemCode}&warehouse=DEP01`, { headers: key })).body.items[0].onHand;
    const credited = await call(`${base}/_sandbox/returns/${r1.body.id}/credit`, { method: 'POST' });
    expect(credited.body.status).toBe('credited');
    const after = (await call(`${api}/stock?itemCode=${itemCode}&warehouse=DEP01`, { headers: key })).body.items[0].onHand;
    expect(Number(after) - Number(before)).toBe(1);
    const cns = (await call(`${api}/invoices?type=credit_note&originalInvoiceId=${inv.id}`, { headers: key })).body.items;
    expect(cns).toHaveLength(1);
    expect(cns[0]).toMatchObject({ type: 'credit_note', series: 'FCTS', number: '0000001', originalInvoice: { series: 'FCT', number: inv.number, issueDate: inv.issueDate } });
    expect(Number(cns[0].totals.gross)).toBeCloseTo(-Number(inv.totals.gross) / 2, 2);
    expect(cns[0].lines[0].quantity).toBe('-1.000');
    const pdf = await fetch(`${api}/invoices/${cns[0].id}/pdf`, { headers: key });
    expect(pdf.status).toBe(200);
    expect((await call(`${api}/returns/${r1.body.id}`, { headers: key })).body.creditNoteId).toBe(cns[0].id);
    expect((await call(`${api}/returns?salesOrderId=${order.id}`, { headers: key })).body.items.map((r: any) => r.id)).toEqual([r1.body.id]);
    expect((await call(`${api}/invoices/${cns[0].id}`, { headers: key })).body.originalInvoiceId).toBe(inv.id);
    expect((await call(`${api}/invoices/NOPE`, { headers: key })).status).toBe(404);
  });
  it('validates returns naming the field', async () => {
    const { order, itemCode } = await newOrder('RET-BAD');
    const base1 = { externalRef: 'R-B', salesOrderId: order.id, reason: 'defective', lines: [{ itemCode, quantity: '1.000' }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ reason: 'bored' }, 'reason'],
      [{ salesOrderId: 'SO-NONE' }, 'salesOrderId'],
      [{ lines: [{ itemCode: 'ART-999999', quantity: '1.000' }] }, 'lines[0].itemCode'],
      [{ lines: [{ itemCode, quantity: '5.000' }] }, 'lines[0].quantity'],
      [{ invoiceId: 'INV-NONE' }, 'invoiceId'],
    ];
    for (const [patch, field] of cases) {
      const r = await call(`${api}/returns`, { method: 'POST', headers: { ...key, 'Idempotency-Key': field }, json: { ...base1, ...patch } });
      expect(r.body.error.details[0].field).toBe(field);
    }
  });
});
