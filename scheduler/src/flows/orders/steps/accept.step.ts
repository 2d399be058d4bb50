/**
 * orders.accept: an order bound to its ERP sales order is accepted on the
 * channel, within the marketplace's rules (handling window, auto-cancel).
 */
import { categorise } from '@megzo/domain';
import { addOrderEvent, updateOrderStatus } from '@megzo/db/repositories/orders.repo';
import type { Step } from '../../../engine/context.ts';
import { guardChannelAction } from '../policy.ts';
import type { OrdersState } from '../flow.ts';

export const acceptOrdersStep: Step<OrdersState> = {
  id: 'orders.accept',
  async run(ctx) {
    const orders = await ctx.db.order.findMany({
      where: { integrationId: ctx.run.integrationId, erpSalesOrderId: { not: null }, status: 'created' },
      select: { id: true, channelOrderId: true, connectionId: true, channelCreatedAt: true, createdAt: true, deadlineAt: true },
      take: 1000,
    });
    for (const o of orders) {
      const channel = ctx.connectors.channels.find((c) => c.connectionId === o.connectionId);
      if (!channel) continue;
      if (channel.capabilities.extra.orderAccept === false) continue; // nothing to acknowledge on this channel
      const guard = guardChannelAction('accept', ctx.clock.now(), { channelOrderId: o.channelOrderId, createdAt: o.channelCreatedAt ?? o.createdAt, channelDeadline: o.deadlineAt });
      if (guard) {
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'accept', status: 'FAILED', error: guard });
        continue;
      }
      try {
        const r = await channel.api.acceptOrder(o.channelOrderId);
        const now = ctx.clock.now();
        await updateOrderStatus(ctx.db, o.id, 'accepted', { acceptedAt: now });
        await addOrderEvent(ctx.db, o.id, { type: 'acknowledged', message: r.alreadyDone ? 'Already accepted on the channel' : 'Accepted on the channel' });
        ctx.run.count('updated');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'accept', status: 'OK' });
        await ctx.events.publish('orderUpdated', { tenantId: ctx.run.tenantId, integrationId: ctx.run.integrationId, orderId: o.id, status: 'accepted' }).catch(() => undefined);
      } catch (e) {
        const error = categorise(e);
        if (error.category === 'system') throw error;
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'accept', status: 'FAILED', error });
      }
    }
  },
};
