/**
 * tracking.create-shipments: an accepted order with its ERP sales order gets a
 * courier shipment (AWB + label), stored at once, and the AWB is written on the
 * ERP sales order. One shipment per order, under the per-order lock.
 */
import type { IntegrationError } from '@megzo/domain';
import { addOrderEvent } from '@megzo/db/repositories/orders.repo';
import type { FlowContext, Step } from '../../../engine/context.ts';
import { withOrderLock } from '../../../engine/order-lock.ts';
import { guardChannelAction } from '../../orders/policy.ts';
import { shipmentInputFor } from '../shipment-input.ts';
import type { TrackingState } from '../flow.ts';

async function one(ctx: FlowContext, orderId: string): Promise<IntegrationError | null> {
  const courier = ctx.connectors.courier!;
  const o = await ctx.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true, shipments: true } });
  if (o.shipments.length > 0 || o.status !== 'accepted') return null;
  const guard = guardChannelAction('fulfil', ctx.clock.now(), { channelOrderId: o.channelOrderId, createdAt: o.channelCreatedAt ?? o.createdAt, channelDeadline: o.deadlineAt });
  if (guard) return guard;
  const products = await ctx.db.product.findMany({ where: { tenantId: o.tenantId, sku: { in: o.lines.map((l) => l.sku) } }, select: { sku: true, data: true } });
  const info = new Map(
    products.map((p) => {
      const d = p.data as { weightKg?: string; raw?: { hsCode?: string; countryOfOrigin?: string } };
      return [p.sku, { weightKg: d.weightKg, hsCode: d.raw?.hsCode ?? undefined, origin: d.raw?.countryOfOrigin ?? undefined }];
    }),
  );
  const input = shipmentInputFor(
    {
      channelOrderId: o.channelOrderId,
      market: o.market,
      currency: o.currency,
      totalGross: o.totalGross.toString(),
      personalData: o.personalData,
      lines: o.lines.map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity, netAmount: l.netAmount.toString(), vatAmount: l.vatAmount.toString() })),
      products: info,
    },
    ctx.clock.now(),
  );
  if (input instanceof Error) return input;
  const shipment = await courier.api.createShipment(input, { idempotencyKey: `shipment:${o.id}` });
  await ctx.db.shipment.create({
    data: { orderId: o.id, carrier: shipment.carrier, awb: shipment.awb, labelPdf: shipment.labelPdfBase64 ?? null, trackingUrl: shipment.trackingUrl ?? null, status: shipment.status ?? 'created' },
  });
  await addOrderEvent(ctx.db, o.id, { type: 'shipment-created', message: `${shipment.carrier} AWB ${shipment.awb} created`, data: { awb: shipment.awb } });
  await ctx.connectors.erp.api.setSalesOrderShipment(o.erpSalesOrderId!, { carrier: shipment.carrier, awb: shipment.awb, shippedAt: ctx.clock.now().toISOString() });
  return null;
}

export const createShipmentsStep: Step<TrackingState> = {
  id: 'tracking.create-shipments',
  async run(ctx, state) {
    if (!ctx.connectors.courier) {
      ctx.log.info({ runId: ctx.run.id }, 'no courier connection: shipments are not created by MEGZO IV');
      return;
    }
    const orders = await ctx.db.order.findMany({
      where: { integrationId: ctx.run.integrationId, status: 'accepted', erpSalesOrderId: { not: null }, shipments: { none: {} } },
      select: { id: true, channelOrderId: true, connectionId: true },
      take: 200,
    });
    for (const o of orders) {
      if (ctx.signal.aborted) return;
      const error = await withOrderLock(ctx, o, () => one(ctx, o.id));
      if (error) {
        if (error.category === 'system') throw error;
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'create-shipment', status: 'FAILED', error });
      } else {
        state.created++;
        ctx.run.count('created');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'create-shipment', status: 'OK' });
      }
    }
  },
};
