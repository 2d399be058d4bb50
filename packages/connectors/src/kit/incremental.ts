/**
 * Incremental read over a paged list filtered by `updatedSince`, with a composite
 * (updatedAt, id) cursor, a lookback window and a checkpoint after every page.
 *
 * The source's row order is not relied on (Charisma's is undocumented):
 * - a pass asks for `updatedSince = cursor − lookback` and walks every page;
 * - a record is emitted when it lies past the cursor, or inside the lookback window and was
 *   not emitted before (late-committed rows; the ids emitted in the window are kept in state);
 * - the checkpoint after page N records the pass (`since`, next page, highest value seen), so a
 *   resumed read continues at page N+1 of the same pass: no duplicate, no gap;
 * - when the pass ends, the cursor becomes the highest (updatedAt, id) seen.
 */
import type { IntegrationError } from '@megzo/domain';
import type { ReadMessage, StreamState } from '../contract/types.ts';
import { compareCursor, toMs, type CompositeCursor } from './cursor.ts';

export interface PageOf<T> {
  rows: Array<{ ok: true; value: T } | { ok: false; error: IntegrationError; raw: unknown }>;
}

export interface IncrementalOptions<T, R> {
  stream: string;
  state: StreamState;
  defaultLookbackSeconds: number;
  /** Pages for `updatedSince = since` (ISO, undefined = everything), starting at `startPage`. */
  pages: (since: string | undefined, startPage: number) => AsyncIterable<PageOf<T> & { page: number }>;
  cursorOf: (row: T) => { updatedAt: string; id: string };
  /** Canonical record, or an error for this record (e.g. a missing price). */
  toRecord: (row: T) => R | IntegrationError;
  /** Rows the stream does not carry (the cursor still moves past them). */
  include?: (row: T) => boolean;
  /** Max ids remembered for the lookback window. */
  recentCap?: number;
}

interface PassState {
  since: string | null;
  nextPage: number;
  high: CompositeCursor | null;
  recent: string[];
  recentFrom: number;
}

export interface IncrementalState {
  cursor: CompositeCursor | null;
  lookbackSeconds: number;
  /** `id@epochMs` of records emitted inside the lookback window before the cursor… */
  recent: string[];
  /** …complete for timestamps above this (epoch ms); older ones were dropped by the cap. */
  recentFrom: number;
  pass?: PassState;
}

function parseState(state: StreamState, defaultLookback: number): IncrementalState {
  const s = (state ?? {}) as Partial<IncrementalState>;
  const c = s.cursor;
  const cursor = c && typeof c.updatedAt === 'string' && typeof c.id === 'string' ? { updatedAt: c.updatedAt, updatedAtMs: toMs(c.updatedAt), id: c.id } : null;
  return {
    cursor,
    lookbackSeconds: typeof s.lookbackSeconds === 'number' ? s.lookbackSeconds : defaultLookback,
    recent: Array.isArray(s.recent) ? s.recent.filter((x): x is string => typeof x === 'string') : [],
    recentFrom: typeof s.recentFrom === 'number' ? s.recentFrom : 0,
    pass: s.pass && typeof s.pass.nextPage === 'number' ? s.pass : undefined,
  };
}

function max(a: CompositeCursor | null, b: CompositeCursor | null): CompositeCursor | null {
  if (!a) return b;
  if (!b) return a;
  return compareCursor(a, b) >= 0 ? a : b;
}

export async function* incrementalRead<T, R>(o: IncrementalOptions<T, R>): AsyncGenerator<ReadMessage<R>> {
  const st = parseState(o.state, o.defaultLookbackSeconds);
  const lookbackMs = st.lookbackSeconds * 1000;
  const cap = o.recentCap ?? 2000;
  const C = st.cursor;
  const prevRecent = new Set(st.recent);
  const since = st.pass ? (st.pass.since ?? undefined) : C ? new Date(C.updatedAtMs - lookbackMs).toISOString() : undefined;
  let high: CompositeCursor | null = st.pass?.high ?? C;
  const recent = new Map<string, number>((st.pass?.recent ?? []).map((k) => [k, Number(k.slice(k.lastIndexOf('@') + 1))]));
  let dropped = st.pass?.recentFrom ?? 0;
  const msOf = (k: string) => Number(k.slice(k.lastIndexOf('@') + 1));
  /** Keeps at most `cap` keys, newest first; remembers the newest timestamp dropped. */
  const capKeys = (keys: Map<string, number>): Map<string, number> => {
    if (keys.size <= cap) return keys;
    const sorted = [...keys.entries()].sort((a, b) => b[1] - a[1]);
    for (const [, ms] of sorted.slice(cap)) dropped = Math.max(dropped, ms);
    return new Map(sorted.slice(0, cap));
  };
  let recentNow = recent;
  const prune = () => {
    if (!high || recentNow.size <= cap) return;
    const floor = high.updatedAtMs - lookbackMs;
    for (const [k, ms] of recentNow) if (ms <= floor) recentNow.delete(k);
    recentNow = capKeys(recentNow);
  };
  const startPage = st.pass?.nextPage ?? 1;

  for await (const page of o.pages(since, startPage)) {
    let count = 0;
    for (const row of page.rows) {
      if (!row.ok) {
        yield { type: 'recordError', stream: o.stream, key: (row.error as { recordKey?: string }).recordKey, error: row.error, raw: row.raw };
        continue;
      }
      const c = o.cursorOf(row.value);
      const cur = { updatedAt: c.updatedAt, updatedAtMs: toMs(c.updatedAt), id: c.id };
      if (Number.isNaN(cur.updatedAtMs)) {
        yield { type: 'log', stream: o.stream, level: 'warn', message: `record ${c.id}: updatedAt "${c.updatedAt}" is not a timestamp` };
        continue;
      }
      const key = `${c.id}@${cur.updatedAtMs}`;
      const past = !C || compareCursor(cur, C) > 0;
      const late = !past && C !== null && cur.updatedAtMs > Math.max(C.updatedAtMs - lookbackMs, st.recentFrom) && !prevRecent.has(key);
      if (!past && !late) continue;
      high = max(high, cur);
      if (lookbackMs > 0) recentNow.set(key, cur.updatedAtMs);
      if (o.include && !o.include(row.value)) continue;
      count++;
      const record = o.toRecord(row.value);
      if (record instanceof Error) yield { type: 'recordError', stream: o.stream, key: c.id, error: record, raw: row.value };
      else yield { type: 'record', stream: o.stream, key: c.id, record };
    }
    prune();
    const pass: PassState = { since: since ?? null, nextPage: page.page + 1, high, recent: [...recentNow.keys()], recentFrom: dropped };
    const midState: IncrementalState = { cursor: C, lookbackSeconds: st.lookbackSeconds, recent: st.recent, recentFrom: st.recentFrom, pass };
    yield { type: 'checkpoint', stream: o.stream, state: midState as unknown as Record<string, unknown>, count };
  }
  // Pass complete: advance the cursor; remember what was emitted inside the new lookback window.
  const floor = high ? high.updatedAtMs - lookbackMs : 0;
  const all = new Map<string, number>();
  for (const k of st.recent) if (msOf(k) > floor) all.set(k, msOf(k));
  for (const [k, ms] of recentNow) if (ms > floor) all.set(k, ms);
  dropped = Math.max(dropped, st.recentFrom);
  const kept = capKeys(all);
  const done: IncrementalState = { cursor: high, lookbackSeconds: st.lookbackSeconds, recent: [...kept.keys()], recentFrom: dropped };
  yield { type: 'checkpoint', stream: o.stream, state: done as unknown as Record<string, unknown>, count: 0 };
}
