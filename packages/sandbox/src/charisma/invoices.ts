import Decimal from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../common/clock.ts';
import { bucharestDate, bucharestIso } from '../common/time.ts';
import { API_PREFIX, COMPANY, CREDIT_NOTE_SERIES, INVOICE_SERIES } from './contract.ts';
import { fail, paginate, updatedSince } from './errors.ts';
import { renderInvoicePdf } from './pdf.ts';
import { milliToStr, type CharismaState, type Invoice, type ReturnDoc, type SalesOrder, type Totals } from './state.ts';

function ronTotals(t: Totals, currency: string, fx: Record<string, unknown> | null): Totals {
  if (currency === 'RON') return { ...t };
  const rate = new Decimal(typeof fx?.ronPerUnit === 'string' ? fx.ronPerUnit : '1');
  const conv = (v: string): string => new Decimal(v).mul(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const net = conv(t.net);
  const vat = conv(t.vat);
  return { net, vat, gross: new Decimal(net).add(vat).toFixed(2) };
}

function buyerOf(o: SalesOrder, s: CharismaState): Invoice['buyer'] {
  const ref = typeof o.partner?.externalRef === 'string' ? o.partner.externalRef : null;
  const p = ref ? s.partnersByRef.get(ref) : undefined;
  const addr = o.shippingAddress ?? {};
  return {
    name: p?.name ?? (typeof addr.name === 'string' ? addr.name : 'Client final'),
    country: p?.country ?? (typeof addr.country === 'string' ? addr.country : 'RO'),
    cif: p?.cif ?? null,
  };
}

/** Issue the invoice of a sales order now (gap-free FCT numbering); delivers stock if not yet delivered. */
export function issueInvoice(s: CharismaState, o: SalesOrder, now: number): Invoice {
  if (o.invoiceId) {
    const existing = s.invoices.get(o.invoiceId);
    if (existing) return existing;
  }
  s.seq.invoice += 1;
  const number = String(s.seq.invoice).padStart(7, '0');
  const year = new Date(now).getUTCFullYear();
  const inv: Invoice = {
    id: `INV-${year}-${String(s.seq.invoice).padStart(6, '0')}`,
    type: 'invoice', series: INVOICE_SERIES, number, issueDate: bucharestDate(now), status: 'issued',
    salesOrderId: o.id, externalRef: o.externalRef, currency: o.currency, fx: o.fx, buyer: buyerOf(o, s),
    lines: o.lines.map((l) => ({
      lineNo: l.lineNo, itemCode: l.itemCode, description: l.description, quantity: milliToStr(l.quantityMilli), unit: l.unit,
      unitPriceNet: new Decimal(l.net).div(l.quantityMilli / 1000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      vatRate: l.vatRate, net: l.net, vat: l.vat, gross: l.gross,
    })),
    totals: { ...o.totals }, totalsRon: ronTotals(o.totals, o.currency, o.fx), originalInvoice: null,
    pdfReadyAt: now + s.options.pdfDelayS * 1000, pdf: null, updatedAt: now,
  };
  s.invoices.set(inv.id, inv);
  if (!o.delivered) deliver(s, o, now);
  o.invoiceId = inv.id;
  o.status = 'invoiced';
  o.invoiceDueAt = null;
  o.updatedAt = now;
  return inv;
}

/** Take the ordered goods out of stock (onHand and the reservation). */
export function deliver(s: CharismaState, o: SalesOrder, now: number): void {
  for (const l of o.lines) {
    const row = s.stock.get(l.itemCode)?.get(o.warehouse);
    if (!row) continue;
    row.onHand -= l.quantityMilli;
    row.reserved = Math.max(0, row.reserved - l.quantityMilli);
    row.updatedAt = now;
  }
  o.delivered = true;
}

/** Produce the credit note (storno) for a credited return: negative quantities and amounts. */
export function issueCreditNote(s: CharismaState, r: ReturnDoc, now: number): Invoice {
  const o = s.salesOrders.get(r.salesOrderId);
  const orig = r.invoiceId ? s.invoices.get(r.invoiceId) : o?.invoiceId ? s.invoices.get(o.invoiceId) : undefined;
  s.seq.creditNote += 1;
  const number = String(s.seq.creditNote).padStart(7, '0');
  const lines = r.lines.map((rl, i) => {
    const ol = o?.lines.find((l) => l.itemCode === rl.itemCode);
    const ratio = ol ? rl.quantityMilli / ol.quantityMilli : 1;
    const neg = (v: string | undefined): string => new Decimal(v ?? '0').mul(ratio).neg().toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    const net = neg(ol?.net);
    const vat = neg(ol?.vat);
    return { lineNo: i + 1, itemCode: rl.itemCode, description: ol?.description ?? rl.itemCode, quantity: milliToStr(-rl.quantityMilli), unit: ol?.unit ?? 'BUC', vatRate: ol?.vatRate ?? '0.00', net, vat, gross: new Decimal(net).add(vat).toFixed(2) };
  });
  const sum = (k: 'net' | 'vat' | 'gross'): string => lines.reduce((acc, l) => acc.add(l[k]), new Decimal(0)).toFixed(2);
  const totals = { net: sum('net'), vat: sum('vat'), gross: sum('gross') };
  const currency = o?.currency ?? 'RON';
  const inv: Invoice = {
    id: `CN-${new Date(now).getUTCFullYear()}-${String(s.seq.creditNote).padStart(6, '0')}`,
    type: 'credit_note', series: CREDIT_NOTE_SERIES, number, issueDate: bucharestDate(now), status: 'issued',
    salesOrderId: r.salesOrderId, externalRef: r.externalRef, currency, fx: o?.fx ?? null,
    buyer: o ? buyerOf(o, s) : { name: 'Client final', country: 'RO', cif: null }, lines, totals,
    totalsRon: ronTotals(totals, currency, o?.fx ?? null),
    originalInvoice: orig ? { id: orig.id, series: orig.series, number: orig.number, issueDate: orig.issueDate } : null,
    pdfReadyAt: now + s.options.pdfDelayS * 1000, pdf: null, updatedAt: now,
  };
  s.invoices.set(inv.id, inv);
  return inv;
}

export function invoiceView(inv: Invoice, now: number): Record<string, unknown> {
  return {
    id: inv.id, type: inv.type, series: inv.series, number: inv.number, fullNumber: `${inv.series} ${inv.number}`,
    issueDate: inv.issueDate, dueDate: inv.issueDate, status: inv.status, salesOrderId: inv.salesOrderId,
    externalRef: inv.externalRef, currency: inv.currency, fx: inv.fx, seller: { cif: COMPANY.cif, name: COMPANY.name },
    buyer: inv.buyer, lines: inv.lines, totals: inv.totals, totalsRon: inv.totalsRon,
    ...(inv.originalInvoice ? { originalInvoice: { series: inv.originalInvoice.series, number: inv.originalInvoice.number, issueDate: inv.originalInvoice.issueDate }, originalInvoiceId: inv.originalInvoice.id } : {}),
    eFactura: { applicable: false, status: 'not_applicable' },
    pdfAvailable: now >= inv.pdfReadyAt, updatedAt: bucharestIso(inv.updatedAt),
  };
}

export function registerInvoiceRoutes(app: FastifyInstance, state: () => CharismaState, clock: SimClock): void {
  const P = API_PREFIX;
  app.get(`${P}/invoices`, async (req, reply) => {
    const since = updatedSince(req, reply);
    if (since === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    if (q.type && q.type !== 'invoice' && q.type !== 'credit_note') return fail(req, reply, 'VALIDATION_FAILED', 'type must be invoice or credit_note', [{ field: 'type', issue: 'invalid enum value' }]);
    const rows = [...state().invoices.values()].filter((i) =>
      (!q.salesOrderId || i.salesOrderId === q.salesOrderId) && (!q.type || i.type === q.type) &&
      (!q.originalInvoiceId || i.originalInvoice?.id === q.originalInvoiceId) && (since === undefined || i.updatedAt >= since));
    const page = paginate(req, reply, rows);
    const now = clock.nowMs();
    return page ? { ...page, items: page.items.map((i) => invoiceView(i, now)) } : reply;
  });
  app.get<{ Params: { id: string } }>(`${P}/invoices/:id`, async (req, reply) => {
    const inv = state().invoices.get(req.params.id);
    return inv ? invoiceView(inv, clock.nowMs()) : fail(req, reply, 'NOT_FOUND', `Invoice ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
  });
  app.get<{ Params: { id: string } }>(`${P}/invoices/:id/pdf`, async (req, reply) => {
    const inv = state().invoices.get(req.params.id);
    if (!inv) return fail(req, reply, 'NOT_FOUND', `Invoice ${req.params.id} does not exist`, [{ field: 'id', issue: 'unknown' }]);
    if (clock.nowMs() < inv.pdfReadyAt) {
      reply.header('Retry-After', String(Math.ceil((inv.pdfReadyAt - clock.nowMs()) / 1000)));
      return fail(req, reply, 'PDF_NOT_READY', `The PDF of ${inv.series} ${inv.number} is not rendered yet`);
    }
    inv.pdf ??= await renderInvoicePdf(inv);
    return reply
      .code(200)
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="${inv.series}_${inv.number}.pdf"`)
      .send(Buffer.from(inv.pdf));
  });
}
