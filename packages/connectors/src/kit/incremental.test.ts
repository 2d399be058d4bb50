import { describe, expect, it } from 'vitest';
import type { ReadMessage, StreamState } from '../contract/types.ts';
import { incrementalRead } from './incremental.ts';

interface Row { id: string; updatedAt: string }

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
    if (m.type === 'record') out.push(m.key);
    if (m.type === 'checkpoint') {
      last = m.state;
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
});
