/**
 * returns.detect: cancellations, refunds and returns seen on the channel (CDON:
 * orders moved to NOT_FULFILLED after acceptance, auto-cancels after 7 days) become
 * Return rows, once each (unique order, kind, channel key).
 */
import { categorise, type ReturnRecord } from '@megzo/domain';
import type { Step } from '../../../engine/context.ts';
import { loadCursor, saveCursor } from '../../../engine/cursors.ts';
import type { ReturnsState } from '../flow.ts';

export const RETURNS_STREAM = 'returns';
const KIND = { cancellation: 'CANCELLATION', refund: 'REFUND', return: 'RETURN' } as const;

export const detectReturnsStep: Step<ReturnsState> = {
  id: 'returns.detect',
  async run(ctx, state) {
    for (const channel of ctx.connectors.channels) {
      const cursor = await loadCursor(ctx.db, channel.connectionId, RETURNS_STREAM);
      for await (const msg of channel.api.read(RETURNS_STREAM, cursor, { signal: ctx.signal })) {
        if (msg.type === 'record') {
          const r = msg.record as ReturnRecord;
          ctx.run.count('read');
          const order = await ctx.db.order.findUnique({
            where: { tenantId_connectionId_channelOrderId: { tenantId: ctx.run.tenantId, connectionId: channel.connectionId, channelOrderId: r.channelOrderId } },
            select: { id: true },
          });
          if (!order) continue; // cancelled before it was ever imported: nothing to reconcile
          const channelKey = `${r.kind}:${r.channelOrderId}`;
          const existing = await ctx.db.return.findUnique({ where: { orderId_kind_channelKey: { orderId: order.id, kind: KIND[r.kind], channelKey } } });
          if (existing) continue;
          await ctx.db.return.create({
            data: { orderId: order.id, kind: KIND[r.kind], channelKey, reason: r.reason ?? null, lines: r.lines as object, detectedAt: new Date(r.detectedAt) },
          });
          await ctx.db.orderEvent.create({ data: { orderId: order.id, type: 'return-detected', message: `${r.kind} detected on the channel: ${r.reason ?? ''}`.trim() } });
          state.detected++;
        } else if (msg.type === 'recordError') {
          ctx.run.count('failed');
          ctx.run.item({ recordKey: msg.key ?? '(unknown)', action: 'detect-return', status: 'FAILED', error: categorise(msg.error), payload: msg.raw });
        } else if (msg.type === 'checkpoint') {
          await saveCursor(ctx.db, channel.connectionId, RETURNS_STREAM, msg.state);
          await ctx.run.checkpoint();
        }
      }
    }
  },
};
