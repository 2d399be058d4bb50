/** Run `fn` in a transaction: a new one on a client, or the caller's when given a transaction client. */
import type { Db, PrismaClient, Tx } from './client.ts';

export function isTransactionClient(db: Db): db is Tx {
  return !('$transaction' in db);
}

export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  if (isTransactionClient(db)) return fn(db);
  return (db as PrismaClient).$transaction(fn, { timeout: opts.timeoutMs ?? 15_000, maxWait: 10_000 });
}
