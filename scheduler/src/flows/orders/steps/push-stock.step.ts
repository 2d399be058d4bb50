/**
 * orders.push-stock: a new order's units are reserved; the new quantity goes to
 * every other channel of the same ERP at once, before anything else, so one unit
 * cannot sell twice.
 */
import type { Step } from '../../../engine/context.ts';
import { pushQuantities } from '../../stock/push.ts';
import type { OrdersState } from '../flow.ts';

export const pushStockOnOrderStep: Step<OrdersState> = {
  id: 'orders.push-stock',
  async run(ctx, state) {
    if (state.reservedSkus.size === 0) return;
    const origins = new Set(state.newOrders.map((o) => o.connectionId));
    // Every channel except an order's own (which lowered its quantity itself); with several
    // origin channels, each is "another channel" for the others' orders: push to all then.
    const targets = origins.size === 1 ? ctx.connectors.channels.filter((c) => !origins.has(c.connectionId)) : ctx.connectors.channels;
    await pushQuantities(ctx, targets, [...state.reservedSkus], 'push-stock-on-order');
    // Channels of other integrations on the same ERP: their stock flow is woken at once
    // (reservations are per tenant, so their quantities already count this order).
    const erp = await ctx.db.integration.findUnique({ where: { id: ctx.run.integrationId }, select: { erpConnectionId: true } });
    const siblings = await ctx.db.integration.findMany({
      where: { tenantId: ctx.run.tenantId, enabled: true, erpConnectionId: erp?.erpConnectionId, id: { not: ctx.run.integrationId } },
      select: { id: true },
    });
    for (const s of siblings) {
      await ctx.events.publish('wakeUp', { tenantId: ctx.run.tenantId, integrationId: s.id, flow: 'stock', reason: 'new order on a channel of the same ERP' }).catch(() => undefined);
    }
  },
};
