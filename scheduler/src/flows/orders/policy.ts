/**
 * Marketplace order-handling rules, enforced before calling the channel's API
 * (CDON since 10 June 2025, specs/cdon-api.md §4.2): handle within 72 hours,
 * unhandled orders are auto-cancelled after 7 calendar days, and there is no
 * partial fulfilment (the connector declares `partialFulfilment: false`).
 */
import { RecordError } from '@megzo/domain';

export interface OrderPolicy {
  handlingHours: number;
  autoCancelDays: number;
}

export const DEFAULT_ORDER_POLICY: OrderPolicy = { handlingHours: 72, autoCancelDays: 7 };

const HOUR = 3_600_000;

export interface Deadlines {
  /** The earlier of created + handling SLA and the channel's own fulfilment deadline. */
  handleBy: Date;
  autoCancelAt: Date;
}

export function deadlines(createdAt: Date, channelDeadline: Date | null | undefined, policy: OrderPolicy = DEFAULT_ORDER_POLICY): Deadlines {
  const sla = new Date(createdAt.getTime() + policy.handlingHours * HOUR);
  const handleBy = channelDeadline && channelDeadline.getTime() < sla.getTime() ? channelDeadline : sla;
  return { handleBy, autoCancelAt: new Date(createdAt.getTime() + policy.autoCancelDays * 24 * HOUR) };
}

export interface Countdown {
  msLeft: number;
  /** Whole hours left (floored), negative once overdue. */
  hoursLeft: number;
  overdue: boolean;
  label: string;
}

export function countdown(now: Date, handleBy: Date): Countdown {
  const msLeft = handleBy.getTime() - now.getTime();
  const overdue = msLeft < 0;
  const abs = Math.abs(msLeft);
  const h = Math.floor(abs / HOUR);
  const m = Math.floor((abs % HOUR) / 60_000);
  return { msLeft, hoursLeft: overdue ? -h : h, overdue, label: overdue ? `overdue by ${h}h ${m}m` : `${h}h ${m}m left` };
}

/**
 * Whether the channel may still be asked to accept or fulfil. Returns the reason
 * as a RecordError (the order is listed with it) instead of a doomed API call.
 */
export function guardChannelAction(
  action: 'accept' | 'fulfil',
  now: Date,
  order: { channelOrderId: string; createdAt: Date; channelDeadline?: Date | null },
  policy: OrderPolicy = DEFAULT_ORDER_POLICY,
): RecordError | null {
  const d = deadlines(order.createdAt, order.channelDeadline, policy);
  if (now.getTime() >= d.autoCancelAt.getTime()) {
    return new RecordError({
      message: `Order ${order.channelOrderId} is older than ${policy.autoCancelDays} days: the marketplace cancels it automatically, so it cannot be ${action === 'accept' ? 'accepted' : 'fulfilled'}.`,
      code: 'AUTO_CANCELLED',
      recordKey: order.channelOrderId,
    });
  }
  if (order.channelDeadline && now.getTime() > order.channelDeadline.getTime()) {
    return new RecordError({
      message: `Order ${order.channelOrderId} passed its fulfilment due date (${order.channelDeadline.toISOString()}).`,
      code: 'DEADLINE_PASSED',
      recordKey: order.channelOrderId,
    });
  }
  return null;
}

/** No partial fulfilment: every ordered unit of every line must be in the shipment. */
export function guardFullFulfilment(
  channelOrderId: string,
  ordered: ReadonlyArray<{ sku: string; quantity: number }>,
  shipped: ReadonlyArray<{ sku: string; quantity: number }>,
  partialAllowed: boolean,
): RecordError | null {
  if (partialAllowed) return null;
  const need = new Map<string, number>();
  for (const l of ordered) need.set(l.sku, (need.get(l.sku) ?? 0) + l.quantity);
  for (const l of shipped) need.set(l.sku, (need.get(l.sku) ?? 0) - l.quantity);
  const missing = [...need.entries()].filter(([, q]) => q > 0);
  if (missing.length === 0) return null;
  return new RecordError({
    message: `Order ${channelOrderId} cannot be partly fulfilled on this marketplace; missing ${missing.map(([s, q]) => `${q} × ${s}`).join(', ')}.`,
    code: 'PARTIAL_FULFILMENT',
    recordKey: channelOrderId,
  });
}
