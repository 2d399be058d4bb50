/**
 * (a) kill -9 between two steps: a real scheduler process (src/main.ts) is told to
 * SIGKILL itself right after a given step of the orders flow; another worker then
 * recovers the stale run and finishes the work — still exactly one ERP sales order
 * per CDON order, every order accepted once.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/world.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function runChild(env: Record<string, string>, timeoutMs = 90_000): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not crash in time:\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(t);
      resolve({ signal, code, out });
    });
  });
}

describe('kill -9 of a worker between two steps', () => {
  let w: World;
  let skus: string[];

  beforeAll(async () => {
    w = await createWorld({ products: 10 });
    const e = await w.engine();
    await e.start();
    expect((await w.run(e, 'catalog')).status).toBe('SUCCEEDED');
    expect((await w.run(e, 'stock')).status).toBe('SUCCEEDED');
    await e.stop(5_000);
    skus = (await w.db.prisma.stockLevel.findMany({ where: { available: { gte: 10 } }, orderBy: { sku: 'asc' } })).map((s) => s.sku);
    // Only the orders flow runs at the child's start-up.
    await w.db.prisma.integrationFlow.updateMany({ where: { integrationId: w.integrationId, flow: { not: 'orders' } }, data: { enabled: false } });
  });
  afterAll(async () => {
    await w?.close();
  });

  for (const step of ['orders.import', 'orders.push-stock', 'orders.create-erp-orders'] as const) {
    it(`crash right after ${step}, another worker finishes`, async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const o = (await w.control('cdon', 'POST', '/_sandbox/orders', { sku: skus[i % skus.length], quantity: 1, market: 'SE', merchant: 'Nordic Store A' })) as { id: string };
        ids.push(o.id);
      }
      const child = await runChild({
        DATABASE_URL: w.db.url,
        MEGZO_CRASH_AFTER_STEP: step,
        RUN_ON_START: '1',
        RUN_HEARTBEAT_SECONDS: '1',
        LOG_LEVEL: 'warn',
        SCHEDULER_NAME: `crashing-${step}`,
        AGENDA_PROCESS_EVERY: '1 second',
      });
      expect(child.signal, child.out.slice(-2000)).toBe('SIGKILL');
      const stale = await w.db.prisma.syncRun.findMany({ where: { flow: 'orders', status: 'RUNNING' } });
      expect(stale).toHaveLength(1);
      expect(stale[0]!.stage).toBe(step);

      const survivor = await w.engine({ staleRunSeconds: 3 });
      await survivor.start();
      await new Promise((r) => setTimeout(r, 3_500));
      const rec = await survivor.recoverStaleRuns();
      expect(rec.failed).toEqual([stale[0]!.id]);
      const retry = await w.db.prisma.syncRun.findFirstOrThrow({ where: { flow: 'orders', trigger: 'retry' }, orderBy: { createdAt: 'desc' } });
      const done = await w.waitRun(retry.id);
      expect(done.status).toBe('SUCCEEDED');
      await survivor.stop(5_000);

      const so = ((await w.control('charisma', 'GET', '/_sandbox/sales-orders')) as { salesOrders: Array<{ id: string; externalRef: string }> }).salesOrders;
      for (const id of ids) expect(so.filter((s) => s.externalRef.endsWith(`-${id}`)), id).toHaveLength(1);
      const cdon = ((await w.control('cdon', 'GET', '/_sandbox/orders')) as { orders: Array<{ id: string; state: string }> }).orders;
      expect(cdon.filter((o) => ids.includes(o.id)).map((o) => o.state)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
      const failed = await w.db.prisma.syncRun.findUniqueOrThrow({ where: { id: stale[0]!.id } });
      expect(failed.status).toBe('FAILED');
      expect((failed.error as { code?: string }).code).toBe('WORKER_LOST');
    });
  }
});
