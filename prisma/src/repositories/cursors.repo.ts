/**
 * Persisted stream state per (connection, stream) (STYLE §2.3). Put the cursor in the
 * same transaction as the records it covers: pass the transaction client as `db`.
 */
import type { Db, Prisma } from '../client.ts';

export type CursorState = Prisma.InputJsonValue;

/** The stored state, or null when the stream has never checkpointed. */
export async function getCursor<T = unknown>(db: Db, connectionId: string, stream: string): Promise<T | null> {
  const row = await db.syncCursor.findUnique({ where: { connectionId_stream: { connectionId, stream } } });
  return row ? (row.state as T) : null;
}

/** Store the state (insert or replace). */
export async function putCursor(db: Db, connectionId: string, stream: string, state: CursorState): Promise<void> {
  if (!stream.trim()) throw new Error('putCursor: stream must not be empty');
  await db.syncCursor.upsert({
    where: { connectionId_stream: { connectionId, stream } },
    create: { connectionId, stream, state },
    update: { state },
  });
}

/** Forget the state (the vendor reported it invalid): the next read is a full one. */
export async function resetCursor(db: Db, connectionId: string, stream: string): Promise<void> {
  await db.syncCursor.deleteMany({ where: { connectionId, stream } });
}
