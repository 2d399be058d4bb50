import Decimal from 'decimal.js';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../common/clock.ts';
import { isInvalidBody } from '../common/http.ts';
import { bucharestIso } from '../common/time.ts';
import { WAREHOUSES } from '../generator/catalog.ts';
import { API_PREFIX, CURRENCIES, SALES_ORDER_SERIES, VAT_CODES, vatCodeValidOn } from './contract.ts';
import { fail, paginate, updatedSince, zodToDetails, type Detail } from './errors.ts';
import { checkIdempotency, sendRecorded } from './idempotency.ts';
import { deliver, issueInvoice } from './invoices.ts';
import { milliToStr, strToMilli, type CharismaState, type OrderLine, type SalesOrder } from './state.ts';

const money = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be a decimal string with up to 2 decimals');
const qty = z.string().regex(/^\d+(\.\d{1,3})?$/, 'must be a decimal string with up to 3 decimals');
const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be an RFC 3339 timestamp with offset');

const orderSchema = z.object({
  externalRef: z.string().min(1).max(100),
  channel: z.string().max(50).nullable().optional(),
  market: z.string().max(10).nullable().optional(),
  orderDate: rfc3339,
  currency: z.enum(CURRENCIES.map((c) => c.code) as [string, ...string[]]),
  pricesIncludeVat: z.boolean(),
  partner: z.object({ externalRef: z.string().min(1) }).nullable().optional(),
  shippingAddress: z.record(z.string(), z.unknown()).nullable().optional(),
  warehouse: z.string().default('DEP01'),
  lines: z.array(z.object({
    lineNo: z.number().int().positive(),
    externalLineRef: z.string().nullable().optional(),
    itemCode: z.string().min(1),
    quantity: qty,
    unit: z.string().min(1).optional(),
    unitPrice: money,
    vatCode: z.string().min(1),
    vatRate: z.string().regex(/^\d+(\.\d{1,2})?$/).optional(),
    discount: money.optional(),
  })).min(1),
  shipping: z.object({ itemCode: z.string().min(1), amount: money, vatCode: z.string().min(1) }).nullable().optional(),
  fx: z.object({ source: z.enum(['BNR', 'ECB']), rateDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), ronPerUnit: z.string().regex(/^\d+(\.\d+)?$/) }).nullable().optional(),
  notes: z.string().max(2000).nullable().optional(),
});
type OrderBody = z.infer<typeof orderSchema>;

const shipmentSchema = z.object({ carrier: z.string().min(1), product: z.string().optional(), awb: z.string().min(1), shippedAt: rfc3339.optional() });
const cancelSchema = z.object({ reason: z.string().min(1).optional() }).optional();

/** Line amounts, half-up to 2 decimals, computed by the ERP line by line. */
function amounts(grossOrNet: Decimal, rate: Decimal, inclVat: boolean): { net: string; vat: string; gross: string } {
  if (inclVat) {
    const net = grossOrNet.div(rate.div(100).add(1)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return { net: net.toFixed(2), vat: grossOrNet.sub(net).toFixed(2), gross: grossOrNet.toFixed(2) };
  }
  const vat = grossOrNet.mul(rate).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { net: grossOrNet.toFixed(2), vat: vat.toFixed(2), gross: grossOrNet.add(vat).toFixed(2) };
}

export function salesOrderView(o: SalesOrder): Record<string, unknown> {
  return {
    id: o.id, series: o.series, number: o.number, status: o.status, externalRef: o.externalRef, channel: o.channel, market: o.market,
    orderDate: o.orderDate, currency: o.currency, pricesIncludeVat: o.pricesIncludeVat, partner: o.partner, shippingAddress: o.shippingAddress,
    warehouse: o.warehouse,
    lines: o.lines.map(({ quantityMilli, ...l }) => ({ ...l, quantity: milliToStr(quantityMilli) })),
    fx: o.fx, notes: o.notes, shipment: o.shipment, totals: o.totals, invoiceId: o.invoiceId,
    createdAt: bucharestIso(o.createdAt), updatedAt: bucharestIso(o.updatedAt),
  };
}

type Built = { ok: true; lines: OrderLine[]; stock: Array<[string, number]> } | { ok: false; code: 'ITEM_NOT_FOUND' | 'VALIDATION_FAILED' | 'INSUFFICIENT_STOCK' | 'PERIOD_CLOSED'; message: string; details: Detail[] };

function buildLines(s: CharismaState, b: OrderBody): Built {
  const date = b.orderDate.slice(0, 10);
  if (s.options.closedBefore && date.slice(0, 7) < s.options.closedBefore) {
    return { ok: false, code: 'PERIOD_CLOSED', message: `Accounting period ${date.slice(0, 7)} is closed`, details: [{ field: 'orderDate', issue: 'period closed' }] };
  }
  if (!WAREHOUSES.some((w) => w.code === b.warehouse && w.sellable)) {
    return { ok: false, code: 'VALIDATION_FAILED', message: `Warehouse ${b.warehouse} is unknown or not sellable`, details: [{ field: 'warehouse', issue: 'unknown' }] };
  }
  const lines: OrderLine[] = [];
  const need = new Map<string, number>();
  const source = b.lines.map((l, i) => ({ ...l, field: `lines[${i}]` }));
  if (b.shipping) source.push({ lineNo: b.lines.length + 1, itemCode: b.shipping.itemCode, quantity: '1', unitPrice: b.shipping.amount, vatCode: b.shipping.vatCode, field: 'shipping' });
  for (const l of source) {
    const item = s.items.get(l.itemCode);
    if (!item) return { ok: false, code: 'ITEM_NOT_FOUND', message: `Article ${l.itemCode} does not exist`, details: [{ field: `${l.field}.itemCode`, issue: 'unknown' }] };
    const vc = VAT_CODES.find((v) => v.code === l.vatCode);
    if (!vc) return { ok: false, code: 'VALIDATION_FAILED', message: `VAT code ${l.vatCode} does not exist`, details: [{ field: `${l.field}.vatCode`, issue: 'unknown' }] };
    if (!vatCodeValidOn(vc, date)) return { ok: false, code: 'VALIDATION_FAILED', message: `VAT code ${l.vatCode} is not valid on ${date}`, details: [{ field: `${l.field}.vatCode`, issue: 'not valid on orderDate' }] };
    if (l.vatRate !== undefined && !new Decimal(l.vatRate).eq(vc.rate)) return { ok: false, code: 'VALIDATION_FAILED', message: `vatRate ${l.vatRate} does not match ${vc.code} (${vc.rate})`, details: [{ field: `${l.field}.vatRate`, issue: 'does not match vatCode' }] };
    const q = strToMilli(l.quantity) ?? 0;
    if (q <= 0) return { ok: false, code: 'VALIDATION_FAILED', message: 'quantity must be positive', details: [{ field: `${l.field}.quantity`, issue: 'must be > 0' }] };
    const base = new Decimal(l.unitPrice).mul(q).div(1000).sub(l.discount ?? '0');
    if (base.isNegative()) return { ok: false, code: 'VALIDATION_FAILED', message: 'discount exceeds line value', details: [{ field: `${l.field}.discount`, issue: 'exceeds line value' }] };
    const a = amounts(base.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), new Decimal(vc.rate), b.pricesIncludeVat);
    lines.push({
      lineNo: l.lineNo, externalLineRef: l.externalLineRef ?? null, itemCode: item.code, description: item.name, quantityMilli: q,
      unit: l.unit ?? item.unit, unitPrice: new Decimal(l.unitPrice).toFixed(2), vatCode: vc.code, vatRate: vc.rate,
      discount: new Decimal(l.discount ?? '0').toFixed(2), ...a,
    });
    if (item.type === 'goods') need.set(item.code, (need.get(item.code) ?? 0) + q);
  }
  for (const [code, q] of need) {
    const row = s.stock.get(code)?.get(b.warehouse);
    const available = row ? row.onHand - row.reserved : 0;
    if (q > available && s.options.insufficientStock === 'reject') {
      const i = b.lines.findIndex((l) => l.itemCode === code);
      return { ok: false, code: 'INSUFFICIENT_STOCK', message: `Only ${milliToStr(Math.max(0, available))} of ${code} available in ${b.warehouse}`, details: [{ field: `lines[${i}].quantity`, issue: 'exceeds available stock' }] };
    }
  }
  return { ok: true, lines, stock: [...need] };
}

export function registerOrderRoutes(app: FastifyInstance, state: () => CharismaState, clock: SimClock): void {
  const P = API_PREFIX;
  app.post(`${P}/sales-orders`, async (req, reply) => {
    const s = state();
    if (isInvalidBody(req.body)) return fail(req, reply, 'VALIDATION_FAILED', 'Body is not valid JSON', [{ field: '(body)', issue: req.body.reason }]);
    const k = checkIdempotency(s, 'sales-orders', req, reply);
    if (!k) return reply;
    const r = orderSchema.safeParse(req.body);
    if (!r.success) return fail(req, reply, 'VALIDATION_FAILED', 'Sales order is invalid', zodToDetails(r.error));
    const b = r.data;
    const dup = s.ordersByRef.get(b.externalRef);
    if (dup) return fail(req, reply, 'DUPLICATE_EXTERNAL_REF', `A sales order with externalRef ${b.externalRef} already exists`, [{ field: 'externalRef', issue: 'duplicate' }], { existingId: dup.id });
    if (b.partner && !s.partnersByRef.has(b.partner.externalRef)) {
      return fail(req, reply, 'VALIDATION_FAILED', `Partner ${b.partner.externalRef} does not exist`, [{ field: 'partner.externalRef', issue: 'unknown' }]);
    }
    const built = buildLines(s, b);
    if (!built.ok) return fail(req, reply, built.code, built.message, built.details);
    const now = clock.nowMs();
    for (const [code, q] of built.stock) {
      const row = s.stock.get(code)?.get(b.warehouse);
      if (row) {
        row.reserved += q;
        row.updatedAt = now;
      }
    }
    s.seq.order += 1;
    const number = String(s.seq.order).padStart(6, '0');
    const sum = (key: 'net' | 'vat' | 'gross'): string => built.lines.reduce((acc, l) => acc.add(l[key]), new Decimal(0)).toFixed(2);
    const o: SalesOrder = {
      id: `SO-${new Date(now).getUTCFullYear()}-${number}`, series: SALES_ORDER_SERIES, number, status: 'confirmed',
      externalRef: b.externalRef, channel: b.channel ?? null, market: b.market ?? null, orderDate: b.orderDate, currency: b.currency,
      pricesIncludeVat: b.pricesIncludeVat, partner: b.partner ?? null, shippingAddress: b.shippingAddress ?? null, warehouse: b.warehouse,
      lines: built.lines, fx: b.fx ?? null, notes: b.notes ?? null, shipment: null,
      totals: { net: sum('net'), vat: sum('vat'), gross: sum('gross') }, createdAt: now, updatedAt: now,
      invoiceDueAt: s.options.autoInvoiceAfterS === null ? null : now + s.options.autoInvoiceAfterS * 1000, invoiceId: null, delivered: false,
    };
    s.salesOrders.set(o.id, o);
    s.ordersByRef.set(o.externalRef, o);
    if (o.invoiceDueAt !== null) s.pendingInvoices.add(o);
    return sendRecorded(s, k, req, reply, 201, salesOrderView(o));
  });

  app.get(`${P}/sales-orders`, async (req, reply) => {
    const since = updatedSince(req, reply);
    if (since === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    const s = state();
    let rows: SalesOrder[];
    if (q.externalRef !== undefined) {
      const o = s.ordersByRef.get(q.externalRef);
      rows = o ? [o] : [];
    } else rows = [...s.salesOrders.values()];
    if (since !== undefined) rows = rows.filter((o) => o.updatedAt >= since);
    const page = paginate(req, reply, rows);
    return page ? { ...page, items: page.items.map(salesOrderView) } : reply;
  });
  app.get<{ Params: { id: string } }>(`${P}/sales-orders/:id`, async (req, reply) => {
    const o = state().salesOrders.get(req.params.id);
    return o ? salesOrderView(o) : fail(req, reply, 'NOT_FOUND', `Sales order ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
  });
  app.post<{ Params: { id: string } }>(`${P}/sales-orders/:id/cancel`, async (req, reply) => {
    const s = state();
    const o = s.salesOrders.get(req.params.id);
    if (!o) return fail(req, reply, 'NOT_FOUND', `Sales order ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
    const r = cancelSchema.safeParse(req.body);
    if (!r.success) return fail(req, reply, 'VALIDATION_FAILED', 'Cancel request is invalid', zodToDetails(r.error));
    if (o.invoiceId) return fail(req, reply, 'ALREADY_INVOICED', `Sales order ${o.id} is invoiced; register a return instead`);
    if (o.status !== 'cancelled') {
      const now = clock.nowMs();
      for (const l of o.lines) {
        const row = s.stock.get(l.itemCode)?.get(o.warehouse);
        if (!row) continue;
        if (o.delivered) row.onHand += l.quantityMilli;
        else row.reserved = Math.max(0, row.reserved - l.quantityMilli);
        row.updatedAt = now;
      }
      o.status = 'cancelled';
      o.invoiceDueAt = null;
      o.updatedAt = now;
    }
    return { id: o.id, status: o.status };
  });
  app.put<{ Params: { id: string } }>(`${P}/sales-orders/:id/shipment`, async (req, reply) => {
    const s = state();
    const o = s.salesOrders.get(req.params.id);
    if (!o) return fail(req, reply, 'NOT_FOUND', `Sales order ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
    if (isInvalidBody(req.body)) return fail(req, reply, 'VALIDATION_FAILED', 'Body is not valid JSON', [{ field: '(body)', issue: req.body.reason }]);
    const r = shipmentSchema.safeParse(req.body);
    if (!r.success) return fail(req, reply, 'VALIDATION_FAILED', 'Shipment is invalid', zodToDetails(r.error));
    if (o.status === 'cancelled') return fail(req, reply, 'VALIDATION_FAILED', `Sales order ${o.id} is cancelled`, [{ field: 'id', issue: 'cancelled' }]);
    const now = clock.nowMs();
    o.shipment = { ...r.data };
    if (!o.delivered) deliver(s, o, now);
    if (o.status !== 'invoiced') o.status = 'delivered';
    o.updatedAt = now;
    return salesOrderView(o);
  });
}

/** Issue every auto-invoice whose time has come on the sandbox clock. */
export function runAutoInvoices(s: CharismaState, now: number): void {
  for (const o of s.pendingInvoices) {
    if (o.invoiceId || o.status === 'cancelled' || o.invoiceDueAt === null) s.pendingInvoices.delete(o);
    else if (o.invoiceDueAt <= now) {
      issueInvoice(s, o, o.invoiceDueAt);
      s.pendingInvoices.delete(o);
    }
  }
}
