/**
 * Composite incremental cursor: (updatedAt, id) with a small lookback window.
 * Records at or below the cursor are skipped; the server filter starts `lookback`
 * before the cursor so late-committed rows with an older timestamp are still seen.
 */
export interface CompositeCursor {
  updatedAt: string;
  /** Epoch ms of `updatedAt` (timestamps may carry different offsets). */
  updatedAtMs: number;
  id: string;
}

export interface CursorState {
  cursor: CompositeCursor | null;
  lookbackSeconds: number;
}

export function toMs(ts: string): number {
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? NaN : ms;
}

/** -1, 0, 1 comparing (ms, id) pairs. */
export function compareCursor(a: { updatedAtMs: number; id: string }, b: { updatedAtMs: number; id: string }): number {
  if (a.updatedAtMs !== b.updatedAtMs) return a.updatedAtMs < b.updatedAtMs ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

export function readCursorState(state: Record<string, unknown> | null, defaultLookbackSeconds: number): CursorState {
  const raw = state?.cursor as Partial<CompositeCursor> | null | undefined;
  const lookback = typeof state?.lookbackSeconds === 'number' ? state.lookbackSeconds : defaultLookbackSeconds;
  if (!raw || typeof raw.updatedAt !== 'string' || typeof raw.id !== 'string') return { cursor: null, lookbackSeconds: lookback };
  return { cursor: { updatedAt: raw.updatedAt, updatedAtMs: toMs(raw.updatedAt), id: raw.id }, lookbackSeconds: lookback };
}

/** The server-side `updatedSince` filter for a cursor: cursor − lookback, as ISO UTC. */
export function sinceFor(state: CursorState): string | undefined {
  if (!state.cursor) return undefined;
  return new Date(state.cursor.updatedAtMs - state.lookbackSeconds * 1000).toISOString();
}
