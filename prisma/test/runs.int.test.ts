import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../src/repositories/errors.ts';
import {
  addRunItems,
  createRun,
  heartbeatRun,
  incrementRunCounters,
  listStaleRuns,
  markItemsRetried,
  resolveItem,
  transitionRun,
} from '../src/repositories/runs.repo.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { baseFixture } from './fixtures.ts';

describe('runs repository', () => {
  let db: TestDatabase;
  let f: Awaited<ReturnType<typeof baseFixture>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    f = await baseFixture(db.prisma);
  });
  afterAll(() => db.drop());
  const newRun = () => createRun(db.prisma, { tenantId: f.tenant.id, integrationId: f.integration.id, flow: 'orders', trigger: 'manual' });

  it('moves QUEUED → RUNNING → PARTIAL with timestamps, and refuses anything after a terminal state', async () => {
    const run = await newRun();
    expect(run.status).toBe('QUEUED');
    await expect(transitionRun(db.prisma, run.id, 'SUCCEEDED')).rejects.toThrow(/is QUEUED; it cannot move to SUCCEEDED/);
    const running = await transitionRun(db.prisma, run.id, 'RUNNING', { workerId: 'w1', stage: 'read' });
    expect(running).toMatchObject({ status: 'RUNNING', workerId: 'w1', stage: 'read' });
    expect(running.startedAt).toBeInstanceOf(Date);
    const done = await transitionRun(db.prisma, run.id, 'PARTIAL');
    expect(done.finishedAt).toBeInstanceOf(Date);
    for (const to of ['RUNNING', 'QUEUED', 'FAILED', 'SUCCEEDED'] as const) {
      const e = await transitionRun(db.prisma, run.id, to).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as ConflictError).field).toBe('status');
    }
    await expect(transitionRun(db.prisma, 'nope', 'RUNNING')).rejects.toThrow(/SyncRun not found/);
  });

  it('of ten workers racing to start one run, exactly one wins', async () => {
    const run = await newRun();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => transitionRun(db.prisma, run.id, 'RUNNING', { workerId: `w${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const row = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    const winner = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ workerId: string }>;
    expect(row.workerId).toBe(winner.value.workerId);
  });

  it('heartbeats only running runs, finds stale ones, requeues, and fails with the error kept', async () => {
    const run = await newRun();
    expect(await heartbeatRun(db.prisma, run.id)).toBe(false);
    await transitionRun(db.prisma, run.id, 'RUNNING', { workerId: 'w1' }, new Date(Date.now() - 600_000));
    expect((await listStaleRuns(db.prisma, new Date(Date.now() - 60_000))).map((r) => r.id)).toContain(run.id);
    expect(await heartbeatRun(db.prisma, run.id, { workerId: 'other' })).toBe(false);
    expect(await heartbeatRun(db.prisma, run.id, { workerId: 'w1', stage: 'write', progressTotal: 10, progressDone: 4 })).toBe(true);
    expect((await listStaleRuns(db.prisma, new Date(Date.now() - 60_000))).map((r) => r.id)).not.toContain(run.id);
    const requeued = await transitionRun(db.prisma, run.id, 'QUEUED');
    expect(requeued.workerId).toBeNull();
    await transitionRun(db.prisma, run.id, 'RUNNING', { workerId: 'w2' });
    const failed = await transitionRun(db.prisma, run.id, 'FAILED', { error: { category: 'system', message: 'boom' } });
    expect(failed.error).toEqual({ category: 'system', message: 'boom' });
  });

  it('counters add up under concurrency; items are added, retried and resolved', async () => {
    const run = await newRun();
    await Promise.all(Array.from({ length: 20 }, () => incrementRunCounters(db.prisma, run.id, { read: 2, created: 1, failed: 1, done: 2 })));
    const row = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row).toMatchObject({ countRead: 40, countCreated: 20, countFailed: 20, countUpdated: 0, progressDone: 40 });
    await expect(incrementRunCounters(db.prisma, run.id, { read: -1 })).rejects.toThrow(/counter read/);

    await addRunItems(db.prisma, run.id, [
      { recordKey: 'SKU-1', action: 'create', status: 'OK' },
      { recordKey: 'SKU-2', action: 'create', status: 'FAILED', errorCategory: 'record', errorCode: 'invalid_vat_rate', message: 'VAT rate 7 is not valid', payloadExcerpt: { sku: 'SKU-2' } },
      { recordKey: 'SKU-3', action: 'update', status: 'FAILED', errorCategory: 'transient', message: '503' },
    ]);
    const failed = await db.prisma.syncRunItem.findMany({ where: { runId: run.id, status: 'FAILED' }, orderBy: { recordKey: 'asc' } });
    expect(failed).toHaveLength(2);
    const [a, b] = failed as [(typeof failed)[0], (typeof failed)[0]];
    const retried = await markItemsRetried(db.prisma, [a.id], { tenantId: f.tenant.id });
    expect(retried[0]).toMatchObject({ status: 'RETRIED', attempts: 2 });
    expect(await markItemsRetried(db.prisma, [a.id])).toEqual([]);
    const resolved = await resolveItem(db.prisma, b.id, f.user.id, { tenantId: f.tenant.id });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedById: f.user.id });
    await expect(resolveItem(db.prisma, b.id, f.user.id)).rejects.toThrow(/only FAILED items can be resolved/);
    await expect(resolveItem(db.prisma, a.id, f.user.id, { tenantId: 'other-tenant' })).rejects.toThrow(/SyncRunItem not found/);
    await expect(addRunItems(db.prisma, run.id, [{ recordKey: '', action: 'x', status: 'OK' }])).rejects.toThrow(/items\[0\]\.recordKey/);
  });
});
