/**
 * orders.create-erp-orders: exactly one ERP sales order per channel order.
 * Per order: a lock on (connection, channel order id); re-read; map with the
 * pinned version; look the order up in the ERP by external reference before
 * creating; create with an idempotency key derived from that reference; bind
 * immediately (and release the reservation, which the ERP now holds).
 */
import { RecordError, type IntegrationError } from '@megzo/domain';
import { SalesOrderInput, type PartnerInput } from '@megzo/connectors/contract/kinds';
import { addOrderEvent, setErpSalesOrder } from '@megzo/db/repositories/orders.repo';
import { evaluate } from '@megzo/mapping';
import type { FlowContext, Step } from '../../../engine/context.ts';
import { loadMapping, type LoadedMapping } from '../../../engine/mappings.ts';
import { withOrderLock } from '../../../engine/order-lock.ts';
import { guardChannelAction } from '../policy.ts';
import { loadOrder, toCanonical } from '../record.ts';
import type { OrdersState } from '../flow.ts';

export const SALES_ORDER = 'salesOrder';

async function bindErpOrder(ctx: FlowContext, orderId: string, erpId: string, externalRef: string, how: string): Promise<void> {
  const erpConnectionId = ctx.connectors.erp.connectionId;
  await ctx.db.$transaction(async (tx) => {
    await setErpSalesOrder(tx, orderId, { erpSalesOrderId: erpId, erpReference: externalRef });
    await tx.externalBinding.upsert({
      where: { connectionId_entityType_internalId: { connectionId: erpConnectionId, entityType: SALES_ORDER, internalId: orderId } },
      create: { tenantId: ctx.run.tenantId, connectionId: erpConnectionId, entityType: SALES_ORDER, internalId: orderId, externalId: erpId },
      update: {},
    });
    // The ERP reserves the units now: our reservation ends, and our copy of the ERP stock
    // drops by the same amount so the channel quantity does not jump up until the next read.
    const open = await tx.stockReservation.findMany({ where: { orderId, releasedAt: null } });
    for (const r of open) {
      await tx.stockReservation.update({ where: { id: r.id }, data: { releasedAt: new Date() } });
      await tx.$executeRaw`
        UPDATE "StockLevel" SET available = GREATEST(0, available - ${r.quantity}), "updatedAt" = now()
        WHERE id = (SELECT id FROM "StockLevel" WHERE "tenantId" = ${r.tenantId} AND sku = ${r.sku} ORDER BY available DESC LIMIT 1)`;
    }
    await tx.orderEvent.create({ data: { orderId, type: 'erp-created', message: `ERP sales order ${erpId} (${how})`, data: { erpSalesOrderId: erpId, externalRef } } });
  });
}

function partnerFrom(input: SalesOrderInput, email?: string): PartnerInput {
  return {
    externalRef: input.partner.externalRef,
    type: 'person',
    name: input.shippingAddress.name,
    country: input.shippingAddress.country.slice(0, 2).toUpperCase(),
    email: email ?? null,
    phone: input.shippingAddress.phone ?? null,
    address: { street: input.shippingAddress.street, city: input.shippingAddress.city, postalCode: input.shippingAddress.postalCode, country: input.shippingAddress.country.slice(0, 2).toUpperCase() },
  };
}

/** Returns null when done (or nothing to do), or the error that kept the order from the ERP. */
async function createOne(ctx: FlowContext, mapping: LoadedMapping, orderId: string): Promise<IntegrationError | null> {
  const row = await loadOrder(ctx.db, orderId);
  if (row.erpSalesOrderId || row.status !== 'created') return null; // another worker did it
  const guard = guardChannelAction('accept', ctx.clock.now(), { channelOrderId: row.channelOrderId, createdAt: row.channelCreatedAt ?? row.createdAt, channelDeadline: null });
  if (guard) return guard;
  const order = toCanonical(row);
  if (!order) return new RecordError({ message: `Order ${row.channelOrderId} has no customer data left (erased)`, code: 'PERSONAL_DATA_ERASED', recordKey: row.channelOrderId });
  const mapped = await evaluate(mapping.compiled, order, { market: order.market, currency: order.currency, date: ctx.run.date });
  if (!mapped.ok) {
    return new RecordError({ message: mapped.errors.map((e) => `${e.target}: ${e.message}`).join('; '), code: mapped.errors[0]?.code ?? 'MAPPING', path: mapped.errors[0]?.target, recordKey: row.channelOrderId });
  }
  const parsed = SalesOrderInput.safeParse(mapped.output);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return new RecordError({ message: `The mapped sales order is invalid at ${i?.path.join('.')}: ${i?.message}`, code: 'INVALID_SALES_ORDER', path: i?.path.join('.'), recordKey: row.channelOrderId });
  }
  const input = parsed.data;
  const erp = ctx.connectors.erp.api;
  // Find before create: a previous attempt may have created it and lost the response.
  const existing = await erp.findSalesOrderByExternalRef(input.externalRef);
  if (existing) {
    await bindErpOrder(ctx, row.id, existing.id, input.externalRef, 'found by external reference');
    return null;
  }
  await erp.findOrCreatePartner(partnerFrom(input, order.customer.email), { idempotencyKey: `partner:${input.partner.externalRef}` });
  const created = await erp.createSalesOrder(input, { idempotencyKey: `so:${input.externalRef}` });
  await bindErpOrder(ctx, row.id, created.id, input.externalRef, 'created');
  return null;
}

export const createErpOrdersStep: Step<OrdersState> = {
  id: 'orders.create-erp-orders',
  async run(ctx, state) {
    const mapping = await loadMapping(ctx.db, ctx.run.mappingVersionId, 'salesOrder');
    const pending = await ctx.db.order.findMany({
      where: { integrationId: ctx.run.integrationId, erpSalesOrderId: null, status: 'created' },
      select: { id: true, channelOrderId: true, connectionId: true },
      orderBy: { createdAt: 'asc' },
      take: 1000,
    });
    for (const o of pending) {
      if (ctx.signal.aborted) return;
      const error = await withOrderLock(ctx, o, () => createOne(ctx, mapping, o.id));
      if (error) {
        if (error.category === 'system') throw error;
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'create-erp-order', status: 'FAILED', error });
        await addOrderEvent(ctx.db, o.id, { type: 'error', message: error.message, data: error.toJSON() }).catch(() => undefined);
      } else {
        state.erpCreated++;
        ctx.run.count('created');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'create-erp-order', status: 'OK' });
      }
      await ctx.run.checkpoint();
    }
  },
};
