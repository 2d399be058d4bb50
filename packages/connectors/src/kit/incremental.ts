/**
 * Incremental read over a paged list filtered by `updatedSince`, with a composite
 * (updatedAt, id) cursor, a lookback window and a checkpoint after every page.
 *
 * The source's row order is not relied on (Charisma's is undocumented):
 * - a pass asks for `updatedSince = cursor − lookback` and walks every page;
 * - a record is emitted when it lies past the cursor, or inside the lookback window (bounds
 *   included) and was not emitted before with the same content: late-committed rows, and a
 *   change that kept its `updatedAt` (Charisma timestamps have one-second precision, so a second
 *   change within the same second does not move the timestamp). State remembers, per
 *   (id, updatedAt) emitted inside the window, a hash of the row's content; an unchanged row is
 *   not emitted twice, a changed one is emitted again (A→B→A included: the last hash is kept);
 * - the checkpoint after page N records the pass (`since`, next page, highest value seen), so a
 *   resumed read continues at page N+1 of the same pass: no duplicate, no gap;
 * - when the pass ends, the cursor becomes the highest (updatedAt, id) seen.
 */
import { createHash } from 'node:crypto';
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
  /** Fingerprint of a row's content (e.g. a version or etag, if the source has one); default: the whole row. */
  hashOf?: (row: T) => string;
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
  /**
   * `id@epochMs#hash` of records emitted inside the lookback window before the cursor (hash =
   * content fingerprint of the last emitted version; entries of older states without `#hash`
   * never match, so those records are emitted once more rather than risk a lost update)…
   */
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

/** JSON with object keys sorted at every level and `undefined` members dropped. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Content fingerprint of a row: SHA-1 of its canonical JSON (key order ignored), 16 hex digits. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** What is remembered of a record emitted inside the window. */
interface Seen {
  ms: number;
  /** '' = unknown (state written before hashes were kept): never equal to a real hash. */
  hash: string;
}

const HASH = /^[0-9a-f]{1,64}$/;

/** `id@ms#hash` (or the older `id@ms`) → [`id@ms`, Seen]; ids may themselves contain `@` or `#`. */
function parseEntry(entry: string): [string, Seen] | null {
  let idMs = entry;
  let hash = '';
  const h = entry.lastIndexOf('#');
  if (h >= 0 && HASH.test(entry.slice(h + 1))) {
    idMs = entry.slice(0, h);
    hash = entry.slice(h + 1);
  }
  const at = idMs.lastIndexOf('@');
  const ms = at >= 0 ? Number(idMs.slice(at + 1)) : NaN;
  return Number.isFinite(ms) ? [idMs, { ms, hash }] : null;
}

function toSeen(entries: readonly string[]): Map<string, Seen> {
  const m = new Map<string, Seen>();
  for (const e of entries) {
    const p = parseEntry(e);
    if (p) m.set(p[0], p[1]);
  }
  return m;
}

function fromSeen(m: Map<string, Seen>): string[] {
  return [...m].map(([idMs, s]) => (s.hash ? `${idMs}#${s.hash}` : idMs));
}

export async function* incrementalRead<T, R>(o: IncrementalOptions<T, R>): AsyncGenerator<ReadMessage<R>> {
  const st = parseState(o.state, o.defaultLookbackSeconds);
  const lookbackMs = st.lookbackSeconds * 1000;
  const cap = o.recentCap ?? 2000;
  const fingerprint = o.hashOf;
  const hashOf = fingerprint ? (row: T) => contentHash(fingerprint(row)) : contentHash;
  const C = st.cursor;
  /** What earlier passes emitted inside the window: `id@ms` → last content hash. */
  const prevSeen = toSeen(st.recent);
  const since = st.pass ? (st.pass.since ?? undefined) : C ? new Date(C.updatedAtMs - lookbackMs).toISOString() : undefined;
  let high: CompositeCursor | null = st.pass?.high ?? C;
  let seen = toSeen(st.pass?.recent ?? []);
  let dropped = st.pass?.recentFrom ?? 0;
  /** Keeps at most `cap` entries, newest first; remembers the newest timestamp dropped. */
  const capSeen = (m: Map<string, Seen>): Map<string, Seen> => {
    if (m.size <= cap) return m;
    const sorted = [...m.entries()].sort((a, b) => b[1].ms - a[1].ms);
    for (const [, s] of sorted.slice(cap)) dropped = Math.max(dropped, s.ms);
    return new Map(sorted.slice(0, cap));
  };
  const prune = () => {
    if (!high || seen.size <= cap) return;
    const floor = high.updatedAtMs - lookbackMs;
    for (const [k, s] of seen) if (s.ms < floor) seen.delete(k);
    seen = capSeen(seen);
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
      const cur: CompositeCursor = { updatedAt: c.updatedAt, updatedAtMs: toMs(c.updatedAt), id: c.id };
      if (Number.isNaN(cur.updatedAtMs)) {
        yield { type: 'log', stream: o.stream, level: 'warn', message: `record ${c.id}: updatedAt "${c.updatedAt}" is not a timestamp` };
        continue;
      }
      const idMs = `${c.id}@${cur.updatedAtMs}`;
      let hash: string | undefined;
      let emit = !C || compareCursor(cur, C) > 0;
      if (!emit && C && cur.updatedAtMs >= C.updatedAtMs - lookbackMs && cur.updatedAtMs > st.recentFrom) {
        // inside the remembered window: new (late-committed) or changed without a new timestamp?
        const before = prevSeen.get(idMs);
        if (!before) emit = true;
        else {
          hash = hashOf(row.value);
          emit = before.hash !== hash;
        }
      }
      if (!emit) continue;
      high = high && compareCursor(high, cur) >= 0 ? high : cur;
      // remembered only while it can fall inside the next pass's window (the floor only rises)
      if (cur.updatedAtMs >= high.updatedAtMs - lookbackMs) seen.set(idMs, { ms: cur.updatedAtMs, hash: hash ?? hashOf(row.value) });
      if (o.include && !o.include(row.value)) continue;
      count++;
      const record = o.toRecord(row.value);
      if (record instanceof Error) yield { type: 'recordError', stream: o.stream, key: c.id, error: record, raw: row.value };
      else yield { type: 'record', stream: o.stream, key: c.id, record };
    }
    prune();
    const pass: PassState = { since: since ?? null, nextPage: page.page + 1, high, recent: fromSeen(seen), recentFrom: dropped };
    const midState: IncrementalState = { cursor: C, lookbackSeconds: st.lookbackSeconds, recent: st.recent, recentFrom: st.recentFrom, pass };
    yield { type: 'checkpoint', stream: o.stream, state: midState as unknown as Record<string, unknown>, count };
  }
  // Pass complete: advance the cursor; remember what was emitted inside the new lookback window
  // (this pass's hash wins over an earlier one for the same id@ms).
  const floor = high ? high.updatedAtMs - lookbackMs : 0;
  const all = new Map<string, Seen>();
  for (const [k, s] of prevSeen) if (s.ms >= floor) all.set(k, s);
  for (const [k, s] of seen) if (s.ms >= floor) all.set(k, s);
  dropped = Math.max(dropped, st.recentFrom);
  const kept = capSeen(all);
  const done: IncrementalState = { cursor: high, lookbackSeconds: st.lookbackSeconds, recent: fromSeen(kept), recentFrom: dropped };
  yield { type: 'checkpoint', stream: o.stream, state: done as unknown as Record<string, unknown>, count: 0 };
}
