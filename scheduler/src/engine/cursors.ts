/**
 * Stream cursors (SyncCursor): read before a stream, written only after the
 * records a checkpoint covers are stored (STYLE.md §3, invariant 3).
 */
import type { Db } from './db.ts';

export async function loadCursor(db: Db, connectionId: string, stream: string): Promise<Record<string, unknown> | null> {
  const row = await db.syncCursor.findUnique({ where: { connectionId_stream: { connectionId, stream } } });
  return (row?.state as Record<string, unknown> | undefined) ?? null;
}

export async function saveCursor(db: Db, connectionId: string, stream: string, state: Record<string, unknown>): Promise<void> {
  await db.syncCursor.upsert({
    where: { connectionId_stream: { connectionId, stream } },
    create: { connectionId, stream, state: state as object },
    update: { state: state as object },
  });
}
