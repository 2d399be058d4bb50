/** Starts the real API (port 0) over a fresh test database, with a real Agenda queue and pg event bus. */
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@megzo/db/testing';
import { createPgEventBus, type EventBus } from '@megzo/db/events';
import { createSecretBox } from '@megzo/db/crypto';
import { buildApp, type App } from '../app.ts';
import { closeDeps, createDeps } from '../create-deps.ts';
import type { AppConfig, AppDeps } from '../deps.ts';
import { parseEnv } from '../env.ts';

export interface TestApp {
  url: string;
  gql: string;
  ws: string;
  db: TestDatabase;
  deps: AppDeps;
  app: App;
  close(): Promise<void>;
}

export async function startTestApp(config: Partial<AppConfig> = {}, opts: { bus?: EventBus } = {}): Promise<TestApp> {
  const db = await createTestDatabase({ poolSize: 8 });
  const env = parseEnv({ DATABASE_URL: db.url, LOG_LEVEL: process.env.API_TEST_LOG ?? 'silent', STUDIO_ORIGIN: 'http://localhost:3000' });
  const deps = createDeps(env, {
    prisma: db.prisma,
    bus: opts.bus ?? createPgEventBus(db.url),
    secrets: createSecretBox(randomBytes(32)),
    config,
  });
  const app = buildApp(deps);
  await deps.events.start();
  const { url } = await app.start(0, '127.0.0.1');
  return {
    url,
    gql: `${url}/graphql`,
    ws: `${url.replace('http', 'ws')}/graphql`,
    db,
    deps,
    app,
    async close() {
      await app.stop();
      await deps.events.close();
      await deps.jobs.close();
      await db.drop();
    },
  };
}

export { closeDeps };
