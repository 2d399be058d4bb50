import { describe, expect, it } from 'vitest';
import { countdown, deadlines, guardChannelAction, guardFullFulfilment } from './policy.ts';

const created = new Date('2026-01-01T10:00:00Z');
const h = (n: number) => new Date(created.getTime() + n * 3_600_000);

describe('order policy (CDON rules)', () => {
  it('handles within 72 hours or the channel deadline, whichever is first', () => {
    expect(deadlines(created, null).handleBy.toISOString()).toBe('2026-01-04T10:00:00.000Z');
    expect(deadlines(created, h(48)).handleBy.toISOString()).toBe(h(48).toISOString());
    expect(deadlines(created, h(120)).handleBy.toISOString()).toBe(h(72).toISOString());
    expect(deadlines(created, null).autoCancelAt.toISOString()).toBe('2026-01-08T10:00:00.000Z');
  });

  it('counts down and reports overdue', () => {
    expect(countdown(h(70), h(72))).toMatchObject({ hoursLeft: 2, overdue: false, label: '2h 0m left' });
    expect(countdown(h(73.5), h(72))).toMatchObject({ hoursLeft: -1, overdue: true, label: 'overdue by 1h 30m' });
  });

  it('refuses to act on auto-cancelled or overdue orders', () => {
    const o = { channelOrderId: 'A1', createdAt: created, channelDeadline: h(120) };
    expect(guardChannelAction('accept', h(10), o)).toBeNull();
    expect(guardChannelAction('fulfil', h(121), o)?.code).toBe('DEADLINE_PASSED');
    expect(guardChannelAction('accept', h(7 * 24), { ...o, channelDeadline: null })?.code).toBe('AUTO_CANCELLED');
  });

  it('forbids partial fulfilment unless the channel allows it', () => {
    const ordered = [{ sku: 'A', quantity: 2 }];
    expect(guardFullFulfilment('O', ordered, [{ sku: 'A', quantity: 2 }], false)).toBeNull();
    expect(guardFullFulfilment('O', ordered, [{ sku: 'A', quantity: 1 }], false)?.code).toBe('PARTIAL_FULFILMENT');
    expect(guardFullFulfilment('O', ordered, [{ sku: 'A', quantity: 1 }], true)).toBeNull();
  });
});
