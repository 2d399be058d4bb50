/**
 * orders.import: new channel orders → Order rows, idempotently (unique tenant,
 * connection, channel order id). A new order reserves its units at once (no
 * oversell) and gets its handling countdown on the timeline.
 */
import { categorise, type Order } from '@megzo/domain';
import { addOrderEvent, importOrder } from '@megzo/db/repositories/orders.repo';
import type { Step } from '../../../engine/context.ts';
import { loadCursor, saveCursor } from '../../../engine/cursors.ts';
import { countdown, deadlines } from '../policy.ts';
import { toImportInput } from '../record.ts';
import type { OrdersState } from '../flow.ts';

export const ORDERS_STREAM = 'orders';

export const importOrdersStep: Step<OrdersState> = {
  id: 'orders.import',
  async run(ctx, state) {
    for (const channel of ctx.connectors.channels) {
      const cursor = await loadCursor(ctx.db, channel.connectionId, ORDERS_STREAM);
      for await (const msg of channel.api.read(ORDERS_STREAM, cursor, { signal: ctx.signal })) {
        if (msg.type === 'record') {
          const o = msg.record as Order;
          ctx.run.count('read');
          if (o.status !== 'created' && o.status !== 'accepted') continue; // cancellations are the returns flow's
          try {
            // The order and its StockReservation rows are written in one transaction: a crash
            // cannot leave an order without its reservation. An order that was already there
            // (replay, concurrent import) is returned as is and not reserved again.
            const { order, created } = await importOrder(ctx.db, {
              ...toImportInput(o, { tenantId: ctx.run.tenantId, integrationId: ctx.run.integrationId, connectionId: channel.connectionId }),
              reserveStock: true,
            });
            if (!created) continue;
            const d = deadlines(new Date(o.createdAt), o.fulfilmentDeadline ? new Date(o.fulfilmentDeadline) : null);
            const c = countdown(ctx.clock.now(), d.handleBy);
            await addOrderEvent(ctx.db, order.id, {
              type: 'deadline',
              message: `Handle by ${d.handleBy.toISOString()} (${c.label}); auto-cancelled by the marketplace at ${d.autoCancelAt.toISOString()}`,
              data: { handleBy: d.handleBy.toISOString(), autoCancelAt: d.autoCancelAt.toISOString(), hoursLeft: c.hoursLeft },
            });
            for (const l of order.lines) state.reservedSkus.add(l.sku);
            state.newOrders.push({ orderId: order.id, connectionId: channel.connectionId });
            ctx.run.count('created');
            ctx.run.item({ recordKey: o.channelOrderId, action: 'import', status: 'OK' });
            await ctx.events
              .publish('orderUpdated', { tenantId: ctx.run.tenantId, integrationId: ctx.run.integrationId, orderId: order.id, status: order.status })
              .catch(() => undefined);
          } catch (e) {
            const error = categorise(e);
            if (error.category === 'system' || error.category === 'transient') throw error; // the cursor must not pass it
            ctx.run.count('failed');
            ctx.run.item({ recordKey: o.channelOrderId, action: 'import', status: 'FAILED', error, payload: o });
          }
        } else if (msg.type === 'recordError') {
          ctx.run.count('failed');
          ctx.run.item({ recordKey: msg.key ?? '(unknown)', action: 'import', status: 'FAILED', error: categorise(msg.error), payload: msg.raw });
        } else if (msg.type === 'checkpoint') {
          await saveCursor(ctx.db, channel.connectionId, ORDERS_STREAM, msg.state);
          await ctx.run.checkpoint();
        }
      }
    }
  },
};
