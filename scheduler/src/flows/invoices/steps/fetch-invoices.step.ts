/**
 * invoices.fetch: once the ERP has invoiced an order, its PDF is fetched, checked
 * against the order (reference, currency, totals), stored, and attached where the
 * channel can take it; otherwise it stays available in the panel and the missing
 * capability is recorded. MEGZO IV never generates an invoice.
 */
import Decimal from 'decimal.js';
import { categorise, RecordError, type IntegrationError } from '@megzo/domain';
import type { ErpInvoiceSummary } from '@megzo/connectors/contract/kinds';
import { addOrderEvent } from '@megzo/db/repositories/orders.repo';
import type { FlowContext, Step } from '../../../engine/context.ts';
import type { InvoicesState } from '../flow.ts';

/** Totals may differ by rounding line by line: a cent per line at most. */
export function checkInvoice(
  inv: Pick<ErpInvoiceSummary, 'salesOrderId' | 'externalRef' | 'currency' | 'totals' | 'number' | 'series'>,
  order: { channelOrderId: string; erpSalesOrderId: string | null; erpReference: string | null; currency: string; totalGross: string; lineCount: number },
): RecordError | null {
  const problems: string[] = [];
  const refOk = (inv.salesOrderId && inv.salesOrderId === order.erpSalesOrderId) || (inv.externalRef && inv.externalRef === order.erpReference);
  if (!refOk) problems.push(`reference ${inv.externalRef ?? inv.salesOrderId ?? '(none)'} is not this order's`);
  if (inv.currency !== order.currency) problems.push(`currency ${inv.currency} ≠ ${order.currency}`);
  const diff = new Decimal(inv.totals.gross).minus(order.totalGross).abs();
  if (diff.greaterThan(new Decimal('0.01').times(Math.max(1, order.lineCount)))) problems.push(`total ${inv.totals.gross} ≠ order total ${order.totalGross}`);
  if (problems.length === 0) return null;
  return new RecordError({ message: `Invoice ${inv.series} ${inv.number} does not match order ${order.channelOrderId}: ${problems.join('; ')}`, code: 'INVOICE_MISMATCH', recordKey: order.channelOrderId });
}

async function one(ctx: FlowContext, orderId: string): Promise<'stored' | 'none' | IntegrationError> {
  const order = await ctx.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true, invoices: true } });
  const erp = ctx.connectors.erp.api;
  const invoices = (await erp.listInvoices({ salesOrderId: order.erpSalesOrderId! })).filter((i) => i.type === 'invoice' && i.status === 'issued');
  const fresh = invoices.filter((i) => !order.invoices.some((s) => s.externalId === i.id));
  if (fresh.length === 0) return 'none';
  const channel = ctx.connectors.channels.find((c) => c.connectionId === order.connectionId);
  for (const inv of fresh) {
    if (!inv.pdfAvailable) return 'none';
    const mismatch = checkInvoice(inv, {
      channelOrderId: order.channelOrderId,
      erpSalesOrderId: order.erpSalesOrderId,
      erpReference: order.erpReference,
      currency: order.currency,
      totalGross: order.totalGross.toString(),
      lineCount: order.lines.length,
    });
    const pdf = await erp.getInvoicePdf(inv.id); // TransientError PDF_NOT_READY: next run
    const canAttach = channel?.capabilities.invoiceUpload === true;
    await ctx.db.invoice.create({
      data: {
        orderId: order.id,
        externalId: inv.id,
        series: inv.series,
        number: inv.number,
        issueDate: new Date(`${inv.issueDate.slice(0, 10)}T00:00:00Z`),
        currency: inv.currency,
        totalNet: inv.totals.net,
        totalVat: inv.totals.vat,
        totalGross: inv.totals.gross,
        pdf: Buffer.from(pdf.bytes),
        checkedAt: ctx.clock.now(),
        checkError: mismatch?.message ?? null,
        // No channel in the registry offers an upload today: the PDF stays in the panel.
        capabilityMissing: !canAttach,
      },
    });
    await addOrderEvent(ctx.db, order.id, {
      type: mismatch ? 'invoice-mismatch' : 'invoice-stored',
      message: mismatch
        ? mismatch.message
        : `Invoice ${inv.series} ${inv.number} stored${canAttach ? '' : '; the channel cannot take invoices, so it is kept available in the panel'}`,
      data: { invoiceId: inv.id, capabilityMissing: !canAttach },
    });
    if (mismatch) return mismatch;
  }
  return 'stored';
}

export const fetchInvoicesStep: Step<InvoicesState> = {
  id: 'invoices.fetch',
  async run(ctx, state) {
    const orders = await ctx.db.order.findMany({
      where: { integrationId: ctx.run.integrationId, erpSalesOrderId: { not: null }, status: { notIn: ['cancelled'] }, invoices: { none: {} } },
      select: { id: true, channelOrderId: true },
      orderBy: { createdAt: 'asc' },
      take: 500,
    });
    for (const o of orders) {
      if (ctx.signal.aborted) return;
      let r: Awaited<ReturnType<typeof one>>;
      try {
        r = await one(ctx, o.id);
      } catch (e) {
        r = categorise(e);
      }
      if (r === 'none') continue;
      if (r === 'stored') {
        state.stored++;
        ctx.run.count('created');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'store-invoice', status: 'OK' });
      } else {
        if (r.category === 'system') throw r;
        if (r.code === 'PDF_NOT_READY') continue; // the ERP renders it later
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'store-invoice', status: 'FAILED', error: r });
      }
    }
  },
};
