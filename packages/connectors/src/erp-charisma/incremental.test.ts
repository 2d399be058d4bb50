/**
 * Charisma timestamps have one-second precision: a second change to the same record inside the
 * same second keeps its `updatedAt`. The incremental read must still pick it up (no lost update),
 * and must not re-emit a record whose content did not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_CREDENTIALS } from '@megzo/sandbox';
import type { ErpConnectorInstance } from '../contract/kinds.ts';
import type { ReadMessage } from '../contract/types.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import { charismaConnector } from './index.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const C = SANDBOX_CREDENTIALS.charisma;
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('erp-charisma incremental read: same-second changes', () => {
  let sb: Sandbox;
  let erp: ErpConnectorInstance;
  /** A whole second on the sandbox clock, in the future of every seeded timestamp. */
  let second: number;

  beforeAll(async () => {
    sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 12, seed: 3, articleProcessingDelayMs: 0 });
    erp = charismaConnector.open({ baseUrl: sb.urls.charisma, clientId: C.clientId, clientSecret: C.clientSecret, pageSize: 5 }, { limiters: new LimiterRegistry() });
    second = (Math.floor(Date.now() / 1000) + 3600) * 1000;
  });
  afterAll(() => sb.close());

  /** Puts the sandbox clock `ms` milliseconds into `second` (time keeps running from there). */
  async function clockAt(ms: number): Promise<void> {
    const res = await fetch(`${sb.urls.charisma}/_sandbox/clock/set`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ at: new Date(second + ms).toISOString() }) });
    expect(res.status).toBe(200);
  }

  async function read<R>(stream: string, state: Record<string, unknown> | null) {
    const records: Array<{ key: string | undefined; record: R }> = [];
    let last = state;
    for await (const m of erp.read(stream, state) as AsyncIterable<ReadMessage<R>>) {
      if (m.type === 'record') records.push({ key: m.key, record: m.record });
      if (m.type === 'checkpoint') {
        // the state is persisted per page: it must survive JSON
        last = JSON.parse(JSON.stringify(m.state)) as Record<string, unknown>;
      }
    }
    return { records, state: last };
  }

  async function patchItem(code: string, body: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${sb.urls.charisma}/_sandbox/items/${code}`, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { updatedAt: string }).updatedAt;
  }

  it('items: the second change inside the same second is read on the next pass; an unchanged pass yields nothing', async () => {
    const full = await read<{ code: string; name: string }>('items', null);
    expect(full.records.length).toBeGreaterThanOrEqual(12);
    const code = 'ART-000003';

    await clockAt(100);
    const firstAt = await patchItem(code, { name: 'Cană ceramică — prima modificare' });
    const first = await read<{ code: string; name: string }>('items', full.state);
    expect(first.records.map((r) => [r.key, r.record.name])).toEqual([[code, 'Cană ceramică — prima modificare']]);

    await clockAt(600);
    const secondAt = await patchItem(code, { name: 'Cană ceramică — a doua modificare' });
    expect(secondAt).toBe(firstAt); // same second: the timestamp did not move

    const again = await read<{ code: string; name: string }>('items', first.state);
    expect(again.records.map((r) => [r.key, r.record.name])).toEqual([[code, 'Cană ceramică — a doua modificare']]);

    const quiet = await read('items', again.state);
    expect(quiet.records).toEqual([]);
    // bounded, JSON-only state
    expect(JSON.stringify(quiet.state).length).toBeLessThan(10_000);
  });

  it('stockLevels: two stock changes in the same second are both read, then nothing', async () => {
    const setStock = async (quantity: number) => {
      const res = await fetch(`${sb.urls.charisma}/_sandbox/items/ART-000004/stock`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ warehouse: 'DEP01', quantity }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { updatedAt: string }).updatedAt;
    };
    await clockAt(1_000); // the next whole second after the item test
    const full = await read<{ sku: string; onHand: number }>('stockLevels', null);

    await clockAt(1_200);
    const t1 = await setStock(41);
    const first = await read<{ sku: string; onHand: number }>('stockLevels', full.state);
    expect(first.records.map((r) => [r.record.sku, r.record.onHand])).toEqual([['ART-000004', 41]]);

    await clockAt(1_700);
    expect(await setStock(42)).toBe(t1);
    const again = await read<{ sku: string; onHand: number }>('stockLevels', first.state);
    expect(again.records.map((r) => [r.record.sku, r.record.onHand])).toEqual([['ART-000004', 42]]);

    expect((await read('stockLevels', again.state)).records).toEqual([]);
  });
});
