/**
 * Agenda 6 with the PostgreSQL backend on the domain database (table AGENDA_TABLE)
 * by default, or the MongoDB backend when MONGODB_URL is set. The job
 * definitions are the same either way (src/jobs/register.ts).
 */
import { Agenda } from 'agenda';
import pg from 'pg';
import { getCreateIndexesSQL, getCreateTableSQL, getUpdateTimestampTriggerSQL, PostgresBackend } from '@agendajs/postgres-backend';
import { AGENDA_TABLE } from '@megzo/domain';

export interface AgendaSettings {
  databaseUrl: string;
  mongodbUrl?: string;
  name: string;
  processEvery: string | number;
  maxConcurrency: number;
  /** Lock lifetime of a job; long runs call job.touch() on every heartbeat. */
  lockLifetimeMs?: number;
}

export type JobStore = 'postgres' | 'mongodb';

/**
 * Creates Agenda's table once, serialised by an advisory lock: two workers starting
 * together on a fresh database would otherwise race in `CREATE TABLE IF NOT EXISTS`
 * (and Agenda 6 never settles `ready` when its connect fails).
 */
export async function prepareAgendaSchema(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('megzo:agenda-schema', 0))`);
    await client.query(getCreateTableSQL(AGENDA_TABLE));
    for (const sql of getCreateIndexesSQL(AGENDA_TABLE)) await client.query(sql);
    await client.query(getUpdateTimestampTriggerSQL(AGENDA_TABLE));
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtextextended('megzo:agenda-schema', 0))`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** The MongoDB driver is loaded only when MONGODB_URL selects it (it costs memory). */
export async function createAgenda(s: AgendaSettings): Promise<{ agenda: Agenda; store: JobStore }> {
  const store: JobStore = s.mongodbUrl ? 'mongodb' : 'postgres';
  const backend = s.mongodbUrl
    ? new (await import('@agendajs/mongo-backend')).MongoBackend({ address: s.mongodbUrl, collection: AGENDA_TABLE })
    : (await prepareAgendaSchema(s.databaseUrl),
      new PostgresBackend({ connectionString: s.databaseUrl, tableName: AGENDA_TABLE, channelName: AGENDA_TABLE, ensureSchema: false }));
  const agenda = new Agenda({
    backend,
    name: s.name,
    processEvery: s.processEvery,
    maxConcurrency: s.maxConcurrency * 4,
    defaultConcurrency: s.maxConcurrency,
    defaultLockLifetime: s.lockLifetimeMs ?? 120_000,
  });
  return { agenda, store };
}
