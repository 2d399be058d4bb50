/** Heartbeat schedules follow the IntegrationFlow rows: created, re-timed, removed, and new integrations picked up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HEARTBEAT, JOB_PURGE_PERSONAL_DATA } from '@megzo/domain';
import { importOrder } from '@megzo/db/repositories/orders.repo';
import type { Scheduler } from '../engine/scheduler.ts';
import { createWorld, type World } from '../testing/world.ts';
import { HeartbeatPayload, jitterMs } from './heartbeat.job.ts';
import { purgePersonalData } from './purge-personal-data.job.ts';

describe('heartbeat schedules', () => {
  let w: World;
  let engine: Scheduler;
  const beats = async () =>
    (await engine.deps.agenda.queryJobs({ name: JOB_HEARTBEAT, limit: 1000 })).jobs.map((j) => ({ ...HeartbeatPayload.parse(j.data), nextRunAt: j.nextRunAt }));

  beforeAll(async () => {
    w = await createWorld({ products: 2 });
    engine = await w.engine();
    await engine.start();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('one jittered heartbeat per enabled flow, following interval changes, disables and new integrations', async () => {
    expect(await engine.syncSchedules()).toMatchObject({ created: 3 });
    let b = await beats();
    expect(b.map((x) => x.flow).sort()).toEqual(['catalog', 'orders', 'stock']);
    for (const x of b) {
      const due = x.nextRunAt!.getTime() - Date.now();
      expect(due).toBeGreaterThan(290_000);
      expect(due).toBeLessThanOrEqual(300_000 * 1.1 + 1000);
    }
    expect(await engine.syncSchedules()).toEqual({ created: 0, updated: 0, removed: 0 });

    await w.db.prisma.integrationFlow.updateMany({ where: { integrationId: w.integrationId, flow: 'orders' }, data: { intervalSeconds: 60 } });
    await w.db.prisma.integrationFlow.updateMany({ where: { integrationId: w.integrationId, flow: 'stock' }, data: { enabled: false } });
    const second = await w.db.prisma.integration.create({
      data: { tenantId: w.tenantId, name: 'Second', erpConnectionId: w.conn.erp, flows: { create: [{ flow: 'orders', intervalSeconds: 120 }] } },
    });
    await engine.syncSchedules();
    b = await beats();
    expect(b.map((x) => `${x.integrationId === second.id ? 'second' : 'first'}:${x.flow}:${x.intervalSeconds}`).sort()).toEqual([
      'first:catalog:300',
      'first:orders:60',
      'second:orders:120',
    ]);
  });

  it('jitter only delays, by at most the configured fraction', () => {
    expect(jitterMs(300, 0.1, () => 0)).toBe(0);
    expect(jitterMs(300, 0.1, () => 0.999)).toBeLessThan(30_000);
  });

  it('the personal-data purge is scheduled once a day and erases orders past retention after completion', async () => {
    const scheduled = await w.engine({ schedule: true });
    await scheduled.start();
    const { jobs } = await scheduled.deps.agenda.queryJobs({ name: JOB_PURGE_PERSONAL_DATA, limit: 10 });
    await scheduled.stop();
    expect(jobs).toHaveLength(1);
    expect(JSON.stringify(jobs[0])).toContain('40 2 * * *');
    const connectionId = (await w.db.prisma.integrationChannel.findFirstOrThrow({ where: { integrationId: w.integrationId } })).connectionId;
    const make = async (channelOrderId: string, completedDaysAgo: number | null) => {
      const { order } = await importOrder(w.db.prisma, {
        tenantId: w.tenantId, integrationId: w.integrationId, connectionId, channelOrderId, market: 'SE', currency: 'SEK',
        totalNet: '8.00', totalVat: '2.00', totalGross: '10.00', personalData: { email: `${channelOrderId}@example.se` },
        lines: [{ lineId: '1', sku: 'GDPR-SKU', quantity: 1, netAmount: '8.00', vatAmount: '2.00', vatRate: '0.25', currency: 'SEK' }],
      });
      const completedAt = completedDaysAgo === null ? null : new Date(Date.now() - completedDaysAgo * 86_400_000);
      await w.db.prisma.order.update({ where: { id: order.id }, data: { completedAt, status: completedAt ? 'fulfilled' : 'accepted' } });
      return order.id;
    };
    const old = await make('GDPR-OLD', 91);
    const recent = await make('GDPR-RECENT', 89);
    const open = await make('GDPR-OPEN', null);
    expect(await purgePersonalData(engine.deps)).toBe(1);
    const rows = await w.db.prisma.order.findMany({ where: { id: { in: [old, recent, open] } }, select: { id: true, personalData: true } });
    expect(rows.filter((r) => r.personalData === null).map((r) => r.id)).toEqual([old]);
  });
});
