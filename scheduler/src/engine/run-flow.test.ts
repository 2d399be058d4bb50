/** The step runner with in-memory fakes (no database, no connectors). */
import { describe, expect, it } from 'vitest';
import { RecordError, TransientError } from '@megzo/domain';
import { defineFlow, systemClock, DEFAULT_FLOW_OPTIONS, type EventPort, type IntegrationConnectors } from './context.ts';
import type { Db } from './db.ts';
import type { LockManager } from './locks.ts';
import { runFlow } from './run-flow.ts';

function fakeDb() {
  const run: Record<string, unknown> = { status: 'RUNNING', countFailed: 0, countCreated: 0 };
  const items: Array<Record<string, unknown>> = [];
  const inc = (data: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(data)) {
      if (v && typeof v === 'object' && 'increment' in v) run[k] = ((run[k] as number) ?? 0) + (v as { increment: number }).increment;
      else run[k] = v;
    }
  };
  const db = {
    syncRun: {
      update: async ({ data }: { data: Record<string, unknown> }) => (inc(data), run),
      updateMany: async ({ where, data }: { where: { status: string }; data: Record<string, unknown> }) => {
        if (run.status !== where.status) return { count: 0 };
        inc(data);
        return { count: 1 };
      },
    },
    syncRunItem: {
      createMany: async ({ data }: { data: Array<Record<string, unknown>> }) => (items.push(...data), { count: data.length }),
      updateMany: async () => ({ count: 0 }),
    },
    integrationFlow: { findUnique: async () => null },
    mapping: { findFirst: async () => null },
  };
  return { db: db as unknown as Db, run, items };
}

const events: EventPort & { sent: unknown[] } = { sent: [], publish: async (_n, p) => void events.sent.push(p) };
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const row = { id: 'r1', tenantId: 't', integrationId: 'i', flow: 'stock' as const, trigger: 'manual' as const, mappingVersionId: null, startedAt: new Date() };

function deps(db: Db, signal = new AbortController().signal) {
  return {
    db,
    connectors: { channels: [] } as unknown as IntegrationConnectors,
    clock: systemClock,
    events,
    locks: {} as LockManager,
    log: silent,
    signal,
    options: DEFAULT_FLOW_OPTIONS,
    heartbeatMs: 60_000,
  };
}

describe('runFlow', () => {
  it('runs the steps in order, keeps stage, counters and items, and ends partial when a record failed', async () => {
    const seen: string[] = [];
    const flow = defineFlow<{ n: number }>({
      id: 'stock',
      usesMapping: false,
      initialState: () => ({ n: 0 }),
      steps: [
        { id: 'stock.a', run: async (ctx, s) => void (seen.push('a'), s.n++, ctx.run.count('created', 2), ctx.run.item({ recordKey: 'A', action: 'x', status: 'OK' })) },
        {
          id: 'stock.b',
          run: async (ctx, s) => {
            seen.push(`b${s.n}`);
            ctx.run.count('failed');
            ctx.run.item({ recordKey: 'B', action: 'x', status: 'FAILED', error: new RecordError({ message: 'bad', code: 'BAD', recordKey: 'B' }), payload: { email: 'x@y.z' } });
          },
        },
      ],
    });
    const f = fakeDb();
    const r = await runFlow(flow, row, deps(f.db));
    expect(seen).toEqual(['a', 'b1']);
    expect(r.status).toBe('partial');
    expect(f.run).toMatchObject({ status: 'PARTIAL', stage: 'stock.b', countCreated: 2, countFailed: 1 });
    expect(f.items.map((i) => [i.recordKey, i.status, i.errorCode])).toEqual([['A', 'OK', null], ['B', 'FAILED', 'BAD']]);
    expect(f.items[1]!.payloadExcerpt).toEqual({ email: '[redacted]' });
  });

  it('a transient failure fails the run with a retry time honouring Retry-After', async () => {
    const flow = defineFlow({ id: 'stock', usesMapping: false, initialState: () => ({}), steps: [{ id: 'stock.x', run: async () => { throw new TransientError({ message: '429', retryAfterMs: 30_000 }); } }] });
    const f = fakeDb();
    const r = await runFlow(flow, row, deps(f.db));
    expect(r.status).toBe('failed');
    expect(r.retryAfterMs).toBe(30_000);
    expect(f.run.status).toBe('FAILED');
    expect(f.run.throttleFailureCount).toBe(1);
    expect((f.run.retryAfter as Date).getTime()).toBeGreaterThan(Date.now() + 25_000);
  });

  it('a shutdown stops between steps and queues the run again', async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const flow = defineFlow({
      id: 'stock',
      usesMapping: false,
      initialState: () => ({}),
      steps: [
        { id: 'stock.one', run: async () => void (seen.push('one'), ac.abort()) },
        { id: 'stock.two', run: async () => void seen.push('two') },
      ],
    });
    const f = fakeDb();
    const r = await runFlow(flow, row, deps(f.db, ac.signal));
    expect(r.status).toBe('queued');
    expect(seen).toEqual(['one']);
    expect(f.run.status).toBe('QUEUED');
  });

  it('refuses step ids outside the flow', () => {
    expect(() => defineFlow({ id: 'stock', usesMapping: false, initialState: () => ({}), steps: [{ id: 'orders.x', run: async () => {} }] })).toThrow(/must start/);
  });
});
