import { describe, expect, it } from 'vitest';
import type { ReadMessage, StreamState } from '../contract/types.ts';
import { incrementalRead } from './incremental.ts';

interface Row { id: string; updatedAt: string; v?: string }

/** An in-memory source: unsorted rows, `updatedSince` filter (>=), fixed page size. */
function source(rows: Row[], pageSize: number) {
  return async function* (since: string | undefined, startPage: number) {
    const filtered = rows.filter((r) => since === undefined || Date.parse(r.updatedAt) >= Date.parse(since));
    for (let p = startPage; (p - 1) * pageSize < filtered.length; p++) {
      yield { page: p, rows: filtered.slice((p - 1) * pageSize, p * pageSize).map((value) => ({ ok: true as const, value })) };
    }
  };
}

async function collect(rows: Row[], state: StreamState, opts: { pageSize?: number; lookback?: number; stopAfterCheckpoints?: number; cap?: number } = {}) {
  rows = rows.map((r) => ({ ...r })); // a snapshot of the source
  const out: string[] = [];
  let last: Record<string, unknown> | null = state;
  let checkpoints = 0;
  const it = incrementalRead<Row, Row>({
    stream: 't',
    state,
    defaultLookbackSeconds: opts.lookback ?? 60,
    pages: source(rows, opts.pageSize ?? 3),
    cursorOf: (r) => ({ updatedAt: r.updatedAt, id: r.id }),
    toRecord: (r) => r,
    recentCap: opts.cap,
  });
  for await (const m of it as AsyncIterable<ReadMessage<Row>>) {
    if (m.type === 'record') out.push(m.record.v === undefined ? m.key : `${m.key}=${m.record.v}`);
    if (m.type === 'checkpoint') {
      last = JSON.parse(JSON.stringify(m.state)) as Record<string, unknown>; // persisted as JSON
      checkpoints++;
      if (opts.stopAfterCheckpoints && checkpoints >= opts.stopAfterCheckpoints) break;
    }
  }
  return { out, state: last };
}

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('incrementalRead', () => {
  const rows: Row[] = [
    { id: 'E', updatedAt: t(50) },
    { id: 'A', updatedAt: t(10) },
    { id: 'C', updatedAt: t(30) },
    { id: 'B', updatedAt: t(10) },
    { id: 'D', updatedAt: t(40) },
    { id: 'F', updatedAt: t(20) },
    { id: 'G', updatedAt: t(50) },
  ];

  it('reads an unsorted source fully, then nothing new', async () => {
    const first = await collect(rows, null);
    expect(first.out.sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const second = await collect(rows, first.state);
    expect(second.out).toEqual([]);
  });

  it('resumes after a mid-pass checkpoint with no duplicate and no gap', async () => {
    const partial = await collect(rows, null, { stopAfterCheckpoints: 1 });
    expect(partial.out).toHaveLength(3);
    const rest = await collect(rows, partial.state);
    expect([...partial.out, ...rest.out].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('picks up changes and late-committed rows inside the lookback, once', async () => {
    const first = await collect(rows, null);
    const changed = [...rows, { id: 'H', updatedAt: t(45) }, { id: 'A', updatedAt: t(70) }];
    const second = await collect(changed, first.state);
    expect(second.out.sort()).toEqual(['A', 'H']);
    const third = await collect(changed, second.state);
    expect(third.out).toEqual([]);
  });

  it('does not re-emit when the remembered window overflows its cap', async () => {
    const same = Array.from({ length: 30 }, (_, i) => ({ id: `X${String(i).padStart(2, '0')}`, updatedAt: t(5) }));
    const first = await collect(same, null, { cap: 5, pageSize: 7 });
    expect(first.out).toHaveLength(30);
    const second = await collect(same, first.state, { cap: 5, pageSize: 7 });
    expect(second.out).toEqual([]);
  });

  describe('same-second changes (one-second timestamp precision)', () => {
    const base = (): Row[] => [
      { id: 'A', updatedAt: t(10), v: 'a1' },
      { id: 'B', updatedAt: t(20), v: 'b1' },
      { id: 'C', updatedAt: t(20), v: 'c1' },
    ];

    it('re-emits a record whose content changed without a new updatedAt, and only once', async () => {
      const rows = base();
      const first = await collect(rows, null);
      expect(first.out.sort()).toEqual(['A=a1', 'B=b1', 'C=c1']);
      rows[1]!.v = 'b2'; // B is the cursor's own second; C (the cursor) unchanged
      const second = await collect(rows, first.state);
      expect(second.out).toEqual(['B=b2']);
      expect((await collect(rows, second.state)).out).toEqual([]);
      rows[2]!.v = 'c2'; // the cursor record itself
      rows[0]!.v = 'a2'; // an older record, still inside the lookback window
      const third = await collect(rows, second.state);
      expect(third.out.sort()).toEqual(['A=a2', 'C=c2']);
      expect((await collect(rows, third.state)).out).toEqual([]);
    });

    it('A→B→A inside one second is not mistaken for an already-read version', async () => {
      const rows = base();
      let st = (await collect(rows, null)).state;
      rows[1]!.v = 'b2';
      st = (await collect(rows, st)).state;
      rows[1]!.v = 'b1';
      const back = await collect(rows, st);
      expect(back.out).toEqual(['B=b1']);
    });

    it('works with a zero lookback (the cursor second is remembered)', async () => {
      const rows = base();
      const first = await collect(rows, null, { lookback: 0 });
      rows[1]!.v = 'b2';
      const second = await collect(rows, first.state, { lookback: 0 });
      expect(second.out).toEqual(['B=b2']);
      expect((await collect(rows, second.state, { lookback: 0 })).out).toEqual([]);
    });

    it('keys ignore property order; ids may contain @ and #', async () => {
      const rows: Row[] = [{ id: 'X#1@DEP01', updatedAt: t(30), v: 'x1' }, { id: 'Y', updatedAt: t(30), v: 'y1' }];
      const first = await collect(rows, null);
      const reordered = rows.map((r) => ({ v: r.v, updatedAt: r.updatedAt, id: r.id }));
      expect((await collect(reordered, first.state)).out).toEqual([]);
      rows[0]!.v = 'x2';
      expect((await collect(rows, first.state)).out).toEqual(['X#1@DEP01=x2']);
    });

    it('state written before hashes were kept re-emits the window once (no lost update), then settles', async () => {
      const rows = base();
      const first = await collect(rows, null);
      const legacy = { ...first.state, recent: (first.state!.recent as string[]).map((e) => e.slice(0, e.lastIndexOf('#'))) };
      const once = await collect(rows, legacy);
      expect(once.out.sort()).toEqual(['A=a1', 'B=b1', 'C=c1']);
      expect((await collect(rows, once.state)).out).toEqual([]);
    });

    it('a resumed pass keeps the newest hash', async () => {
      const rows = base();
      const first = await collect(rows, null);
      rows[0]!.v = 'a2';
      rows[2]!.v = 'c2';
      const partial = await collect(rows, first.state, { pageSize: 1, stopAfterCheckpoints: 1 });
      const rest = await collect(rows, partial.state, { pageSize: 1 });
      expect([...partial.out, ...rest.out].sort()).toEqual(['A=a2', 'C=c2']);
      expect((await collect(rows, rest.state, { pageSize: 1 })).out).toEqual([]);
    });
  });
});
