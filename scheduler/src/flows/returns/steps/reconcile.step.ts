/**
 * returns.reconcile: each detected return is reconciled in the ERP — the sales
 * order is cancelled while it can be, otherwise a return (credit-note request) is
 * raised; reservations are released and the order closes as cancelled/returned.
 */
import { categorise, RecordError, type IntegrationError } from '@megzo/domain';
import { addOrderEvent } from '@megzo/db/repositories/orders.repo';
import type { FlowContext, Step } from '../../../engine/context.ts';
import { withOrderLock } from '../../../engine/order-lock.ts';
import type { ReturnsState } from '../flow.ts';

async function one(ctx: FlowContext, returnId: string): Promise<IntegrationError | null> {
  const ret = await ctx.db.return.findUniqueOrThrow({ where: { id: returnId }, include: { order: { include: { lines: true, invoices: true } } } });
  if (ret.status === 'reconciled') return null;
  const o = ret.order;
  let erpDocumentId: string | null = null;
  let note = 'no ERP sales order existed: nothing to undo';
  if (o.erpSalesOrderId) {
    const erp = ctx.connectors.erp.api;
    const so = await erp.getSalesOrder(o.erpSalesOrderId);
    if (so.status === 'cancelled') {
      erpDocumentId = so.id;
      note = `ERP sales order ${so.id} already cancelled`;
    } else if (so.status !== 'invoiced' && o.invoices.length === 0) {
      const c = await erp.cancelSalesOrder(so.id, 'customer_cancelled');
      erpDocumentId = c.id;
      note = `ERP sales order ${c.id} cancelled`;
    } else {
      const invoice = o.invoices[0];
      const r = await erp.createReturn(
        {
          externalRef: `RET-${ret.channelKey}`.slice(0, 64),
          salesOrderId: so.id,
          invoiceId: invoice?.externalId,
          reason: ret.kind === 'RETURN' ? 'customer_withdrawal' : 'other',
          lines: o.lines.map((l) => ({ itemCode: l.sku, quantity: l.quantity.toFixed(3), restock: true })),
          receivedAt: ctx.clock.now().toISOString(),
        },
        { idempotencyKey: `return:${ret.id}` },
      );
      erpDocumentId = r.id;
      note = `ERP return ${r.id} raised (the credit note is the ERP's)`;
    }
  }
  const now = ctx.clock.now();
  await ctx.db.$transaction([
    ctx.db.return.update({ where: { id: ret.id }, data: { status: 'reconciled', erpDocumentId, reconciledAt: now } }),
    ctx.db.stockReservation.updateMany({ where: { orderId: o.id, releasedAt: null }, data: { releasedAt: now } }),
    ctx.db.order.update({ where: { id: o.id }, data: { status: ret.kind === 'RETURN' ? 'returned' : 'cancelled', completedAt: now } }),
  ]);
  await addOrderEvent(ctx.db, o.id, { type: 'return-reconciled', message: note, data: { erpDocumentId } });
  await ctx.events.publish('orderUpdated', { tenantId: ctx.run.tenantId, integrationId: ctx.run.integrationId, orderId: o.id, status: 'cancelled' }).catch(() => undefined);
  return null;
}

export const reconcileReturnsStep: Step<ReturnsState> = {
  id: 'returns.reconcile',
  async run(ctx, state) {
    const open = await ctx.db.return.findMany({
      where: { status: { in: ['detected', 'failed'] }, order: { integrationId: ctx.run.integrationId } },
      select: { id: true, order: { select: { channelOrderId: true, connectionId: true } } },
      take: 500,
    });
    for (const r of open) {
      const error = await withOrderLock(ctx, r.order, () => one(ctx, r.id));
      if (error) {
        if (error.category === 'system') throw error;
        await ctx.db.return.update({ where: { id: r.id }, data: { status: 'failed' } });
        ctx.run.count('failed');
        ctx.run.item({ recordKey: r.order.channelOrderId, action: 'reconcile-return', status: 'FAILED', error });
      } else {
        state.reconciled++;
        ctx.run.count('updated');
        ctx.run.item({ recordKey: r.order.channelOrderId, action: 'reconcile-return', status: 'OK' });
      }
    }
  },
};

/**
 * returns.ledger-check: every ERP document has its ledger entry and every ledger
 * entry its ERP document — for recent orders, a cancelled ERP sales order must be
 * a cancelled order here (with its Return), and a reconciled Return must point at
 * an ERP document.
 */
export const ledgerCheckStep: Step<ReturnsState> = {
  id: 'returns.ledger-check',
  async run(ctx) {
    const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
    const orders = await ctx.db.order.findMany({
      where: { integrationId: ctx.run.integrationId, erpSalesOrderId: { not: null }, updatedAt: { gte: since } },
      select: { id: true, channelOrderId: true, status: true, erpSalesOrderId: true, returns: { select: { status: true, erpDocumentId: true } } },
      take: 200,
      orderBy: { updatedAt: 'desc' },
    });
    for (const o of orders) {
      const problems: string[] = [];
      for (const r of o.returns) if (r.status === 'reconciled' && !r.erpDocumentId) problems.push('a reconciled return has no ERP document');
      try {
        const so = await ctx.connectors.erp.api.getSalesOrder(o.erpSalesOrderId!);
        const cancelledHere = o.status === 'cancelled' || o.status === 'returned';
        if (so.status === 'cancelled' && !cancelledHere) problems.push(`ERP sales order ${so.id} is cancelled but the order is ${o.status} here`);
        if (cancelledHere && so.status !== 'cancelled' && !o.returns.some((r) => r.erpDocumentId && r.erpDocumentId !== so.id)) {
          problems.push(`the order is ${o.status} here but ERP sales order ${so.id} is ${so.status} and no ERP return exists`);
        }
      } catch (e) {
        const error = categorise(e);
        if (error.category === 'system') throw error;
        problems.push(`ERP sales order ${o.erpSalesOrderId} could not be read: ${error.message}`);
      }
      if (problems.length) {
        ctx.run.count('failed');
        ctx.run.item({
          recordKey: o.channelOrderId,
          action: 'ledger-check',
          status: 'FAILED',
          error: new RecordError({ message: problems.join('; '), code: 'LEDGER_MISMATCH', recordKey: o.channelOrderId }),
        });
      }
    }
  },
};
