/**
 * tracking.fulfil: the tracking number and carrier go to the channel order
 * (CDON: fulfil), for the whole order only (no partial fulfilment), within the
 * fulfilment deadline.
 */
import { categorise } from '@megzo/domain';
import { addOrderEvent, updateOrderStatus } from '@megzo/db/repositories/orders.repo';
import type { Step } from '../../../engine/context.ts';
import { guardChannelAction, guardFullFulfilment } from '../../orders/policy.ts';
import type { TrackingState } from '../flow.ts';

export const fulfilStep: Step<TrackingState> = {
  id: 'tracking.fulfil',
  async run(ctx, state) {
    const shipments = await ctx.db.shipment.findMany({
      where: { pushedToChannelAt: null, order: { integrationId: ctx.run.integrationId, status: 'accepted' } },
      include: { order: { include: { lines: true } } },
      take: 500,
    });
    for (const s of shipments) {
      const o = s.order;
      const channel = ctx.connectors.channels.find((c) => c.connectionId === o.connectionId);
      if (!channel) continue;
      const guard =
        guardChannelAction('fulfil', ctx.clock.now(), { channelOrderId: o.channelOrderId, createdAt: o.channelCreatedAt ?? o.createdAt, channelDeadline: o.deadlineAt }) ??
        // One shipment carries the whole order.
        guardFullFulfilment(o.channelOrderId, o.lines, o.lines, channel.capabilities.partialFulfilment);
      if (guard) {
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'fulfil', status: 'FAILED', error: guard });
        continue;
      }
      try {
        const r = await channel.api.fulfilOrder(o.channelOrderId, [{ trackingNumber: s.awb, carrier: s.carrier }]);
        const now = ctx.clock.now();
        await ctx.db.shipment.update({ where: { id: s.id }, data: { pushedToChannelAt: now } });
        await updateOrderStatus(ctx.db, o.id, 'fulfilled', { completedAt: now });
        await addOrderEvent(ctx.db, o.id, { type: 'shipped', message: `${r.alreadyDone ? 'Already fulfilled' : 'Fulfilled'} on the channel with ${s.carrier} ${s.awb}` });
        await ctx.events.publish('orderUpdated', { tenantId: ctx.run.tenantId, integrationId: ctx.run.integrationId, orderId: o.id, status: 'fulfilled' }).catch(() => undefined);
        state.fulfilled++;
        ctx.run.count('updated');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'fulfil', status: 'OK' });
      } catch (e) {
        const error = categorise(e);
        if (error.category === 'system') throw error;
        ctx.run.count('failed');
        ctx.run.item({ recordKey: o.channelOrderId, action: 'fulfil', status: 'FAILED', error });
      }
    }
  },
};
