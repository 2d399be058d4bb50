/**
 * The Prisma client over node-postgres (`@prisma/adapter-pg`): no engine binary.
 * The client is generated into prisma/generated/client by `cli.ts generate`.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../generated/client/client.ts';

/** PrismaClient, Prisma, the enums and the model types (Tenant, SyncRun, …). */
export * from '../generated/client/client.ts';

/** A client inside an interactive transaction, as passed to `$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
/** Either a client or a transaction client: repositories accept both. */
export type Db = PrismaClient | Tx;

export interface CreatePrismaOptions {
  /** Pool size (node-postgres `max`); default 10. */
  poolSize?: number;
  /** Log queries to the console (development). */
  logQueries?: boolean;
}

export function createPrisma(url: string, opts: CreatePrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: opts.poolSize ?? 10 });
  return new PrismaClient({ adapter, log: opts.logQueries ? ['query', 'warn', 'error'] : ['warn'] });
}
