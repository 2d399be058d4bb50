/**
 * The entry point as `npm start` runs it: with seeded data and the sandbox up,
 * every enabled flow runs once at start-up and the first catalog sync (500 products)
 * completes within a minute; SIGTERM then stops it cleanly (exit 0). A malformed
 * variable is refused with one line naming it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './testing/world.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('scheduler/src/main.ts', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ products: 500, flows: ['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns'] });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('runs every enabled flow at start-up; the first catalog sync completes within a minute; SIGTERM stops cleanly', async () => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: w.db.url, LOG_LEVEL: 'info', SCHEDULER_NAME: 'startup-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
    child.stderr.on('data', (d: Buffer) => lines.push(d.toString()));
    try {
      let catalog;
      for (;;) {
        catalog = await w.db.prisma.syncRun.findFirst({ where: { flow: 'catalog', status: { in: ['SUCCEEDED', 'PARTIAL', 'FAILED'] } } });
        if (catalog || Date.now() - t0 > 60_000) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(catalog?.status, lines.slice(-20).join('\n')).toBe('SUCCEEDED');
      expect(catalog!.finishedAt!.getTime() - t0).toBeLessThan(60_000);
      expect(catalog!.countCreated).toBeGreaterThanOrEqual(490);
      const flows = await w.db.prisma.syncRun.groupBy({ by: ['flow'], _count: true });
      expect(flows.map((f) => f.flow).sort()).toEqual(['catalog', 'invoices', 'orders', 'returns', 'stock', 'tracking']);
      expect(lines.some((l) => l.includes('"msg":"scheduler started"'))).toBe(true);
      const heartbeats = ((await w.db.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'heartbeat'`)) as Array<{ n: number }>)[0]!.n;
      expect(heartbeats).toBe(6);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  });

  it('a malformed variable → one line naming it, exit 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env: { ...process.env, DATABASE_URL: w.db.url, SCHEDULER_CONCURRENCY: 'many' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('SCHEDULER_CONCURRENCY');
  });
});
