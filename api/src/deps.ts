import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { EventHub } from './events.ts';
import type { JobQueue } from './jobs.ts';
import type { PrismaClient } from './db.ts';
import type { RateLimiter } from './auth/rate-limit.ts';
import type { Authenticator } from './auth/authenticate.ts';

/** What buildApp() needs: the ports every command and resolver reaches through the context. */
export interface AppDeps {
  prisma: PrismaClient;
  logger: Logger;
  metrics: Metrics;
  events: EventHub;
  jobs: JobQueue;
  config: AppConfig;
  signInLimiter: RateLimiter;
  authenticator: Authenticator;
  /** Encrypt/decrypt for Connection.secrets and Tenant.webhookSecret (the database package's crypto). */
  secrets: SecretBox;
  now: () => Date;
}

export interface AppConfig {
  cookieSecure: boolean;
  studioOrigin: string;
  bodyLimit: number;
  sessionTtlMs: number;
  /** Persisted operations: sha256 hash of the document → document. */
  persistedOperations: ReadonlyMap<string, string>;
  /** Accept documents that are not persisted (true unless locked down). */
  allowArbitraryOperations: boolean;
  webhookToleranceSeconds: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

export type { SecretBox } from '@megzo/db/crypto';
import type { SecretBox } from '@megzo/db/crypto';
