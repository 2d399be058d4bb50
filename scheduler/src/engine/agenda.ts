/**
 * Agenda 6 with the PostgreSQL backend on the domain database (table AGENDA_TABLE)
 * by default, or the MongoDB backend when MONGODB_URL is set. The job
 * definitions are the same either way (src/jobs/register.ts).
 */
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
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

/** The MongoDB driver is loaded only when MONGODB_URL selects it (it costs memory). */
export async function createAgenda(s: AgendaSettings): Promise<{ agenda: Agenda; store: JobStore }> {
  const store: JobStore = s.mongodbUrl ? 'mongodb' : 'postgres';
  const backend = s.mongodbUrl
    ? new (await import('@agendajs/mongo-backend')).MongoBackend({ address: s.mongodbUrl, collection: AGENDA_TABLE })
    : new PostgresBackend({ connectionString: s.databaseUrl, tableName: AGENDA_TABLE, channelName: AGENDA_TABLE });
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
