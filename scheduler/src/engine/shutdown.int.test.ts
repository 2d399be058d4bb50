/**
 * Graceful shutdown: a worker stopped in the middle of a catalog publish finishes
 * its current page, checkpoints, puts the run back to QUEUED and exits; another
 * worker picks the same run up and completes it, without publishing anything twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/world.ts';

describe('graceful shutdown', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ products: 3000 });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('checkpoints the current step, requeues the run, and another worker completes it', async () => {
    const a = await w.engine({ flowOptions: { pageSize: 200, batchSize: 100, statusPollIntervalMs: 100 } });
    await a.start();
    const { runId } = await a.requestRun({ tenantId: w.tenantId, integrationId: w.integrationId, flow: 'catalog', trigger: 'manual' });
    for (;;) {
      const r = await w.db.prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
      if (r.stage === 'catalog.publish' && r.countCreated > 0) break;
      expect(r.status).not.toBe('SUCCEEDED');
      await new Promise((res) => setTimeout(res, 50));
    }
    await a.stop(30_000);
    const stopped = await w.db.prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(stopped.status).toBe('QUEUED');
    expect(stopped.stage).toBe('catalog.publish');
    const createdBefore = await w.db.prisma.externalBinding.count({ where: { connectionId: w.conn.cdonA } });
    expect(createdBefore).toBeGreaterThan(0);
    expect(createdBefore).toBeLessThan(3000);

    const b = await w.engine();
    await b.start();
    await b.recoverStaleRuns(); // gives the queued run its job if the hand-over job was lost
    const done = await w.waitRun(runId, 170_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.countCreated).toBe(3000);
    const arts = (await w.control('cdon', 'GET', '/_sandbox/articles?merchant=Nordic%20Store%20A')) as { articles: unknown[] };
    expect(arts.articles).toHaveLength(3000);
  });
});
