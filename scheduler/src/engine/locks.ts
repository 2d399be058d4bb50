/**
 * PostgreSQL advisory locks. A session-level lock lives on one dedicated
 * connection: if the worker dies (even `kill -9`), PostgreSQL closes the session
 * and releases the lock, so a crashed worker never blocks the others.
 *
 * Keys are text; PostgreSQL hashes them (`hashtextextended`) into the 64-bit key
 * space. Namespaces keep flow locks and order locks apart.
 */
import pg from 'pg';

export interface Lock {
  readonly key: string;
  release(): Promise<void>;
}

export interface LockManager {
  /** Returns a held lock, or null when another session holds it. */
  tryAcquire(key: string): Promise<Lock | null>;
  /** Waits (up to `timeoutMs`) for the lock. Throws on timeout. */
  acquire(key: string, timeoutMs?: number): Promise<Lock>;
  /** True when some session holds the lock (checked without keeping it). */
  isHeld(key: string): Promise<boolean>;
  close(): Promise<void>;
}

export const flowLockKey = (integrationId: string, flow: string): string => `flow:${integrationId}:${flow}`;
export const orderLockKey = (connectionId: string, channelOrderId: string): string => `order:${connectionId}:${channelOrderId}`;

export function createLockManager(databaseUrl: string, options: { max?: number } = {}): LockManager {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 20, application_name: 'megzo-scheduler-locks' });
  // A connection that breaks while idle must not crash the process.
  pool.on('error', () => undefined);

  async function hold(key: string, wait: boolean, timeoutMs: number): Promise<Lock | null> {
    const client = await pool.connect();
    let ok: boolean;
    try {
      if (wait) {
        await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
        await client.query('RESET lock_timeout');
        ok = true;
      } else {
        const r = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
        ok = r.rows[0]?.locked === true;
      }
    } catch (e) {
      client.release(true);
      throw e;
    }
    if (!ok) {
      client.release();
      return null;
    }
    let released = false;
    return {
      key,
      async release() {
        if (released) return;
        released = true;
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
          client.release();
        } catch {
          // The session is gone, and the lock with it.
          client.release(true);
        }
      },
    };
  }

  return {
    tryAcquire: (key) => hold(key, false, 0),
    async acquire(key, timeoutMs = 60_000) {
      const lock = await hold(key, true, timeoutMs);
      if (!lock) throw new Error(`lock ${key} not acquired`);
      return lock;
    },
    async isHeld(key) {
      const r = await pool.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)) AS held`,
        [key],
      );
      return r.rows[0]?.held === true;
    },
    async close() {
      await pool.end();
    },
  };
}

/** Runs `fn` while holding the lock; waits for it. */
export async function withLock<T>(locks: LockManager, key: string, fn: () => Promise<T>, timeoutMs?: number): Promise<T> {
  const lock = await locks.acquire(key, timeoutMs);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
