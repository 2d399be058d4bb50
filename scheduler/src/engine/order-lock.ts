/**
 * Work on one order under its advisory lock (one writer per channel order across
 * every worker), with failures sorted into the four categories. Returns the error
 * instead of throwing so a step can record it on the run and move to the next order.
 */
import { categorise, type IntegrationError } from '@megzo/domain';
import type { FlowContext } from './context.ts';
import { orderLockKey } from './locks.ts';

const ORDER_LOCK_TIMEOUT_MS = 120_000;

export async function withOrderLock(
  ctx: Pick<FlowContext, 'locks'>,
  order: { connectionId: string; channelOrderId: string },
  work: () => Promise<IntegrationError | null>,
): Promise<IntegrationError | null> {
  const lock = await ctx.locks.acquire(orderLockKey(order.connectionId, order.channelOrderId), ORDER_LOCK_TIMEOUT_MS);
  try {
    return await work();
  } catch (e) {
    return categorise(e);
  } finally {
    await lock.release();
  }
}
