/**
 * vitest globalSetup shared by every project with integration tests (prisma, scheduler,
 * api): one PostgreSQL server per vitest run, reached by workers through
 * MEGZO_TEST_PG_URL / MEGZO_TEST_PG_TEMPLATE (also `inject('megzoTestPg')`).
 *
 * - TEST_DATABASE_URL set: that server is used (a template database is kept on it);
 * - otherwise an embedded server in a temp folder on a free port, stopped at teardown
 *   (and cleaned up by the next run if this one crashed).
 *
 * Several projects of one run list this file: the first starts the server, the others
 * share it, the last teardown stops it. The Prisma client is generated first (skipped
 * when up to date).
 */
import type { TestProject } from 'vitest/node';
import { generate } from './src/generate.ts';
import { startTestServer, TEST_PG_ADMIN_ENV, TEST_PG_TEMPLATE_ENV, type TestServer } from './src/test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    megzoTestPg: { adminUrl: string; template: string };
  }
}

interface Shared {
  server: Promise<TestServer>;
  users: number;
}

const KEY = Symbol.for('megzo.db.testServer');
const holder = globalThis as unknown as { [KEY]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = holder[KEY];
  if (!shared) {
    shared = {
      users: 0,
      server: (async () => {
        await generate();
        return startTestServer({ databaseUrl: process.env.TEST_DATABASE_URL || undefined });
      })(),
    };
    holder[KEY] = shared;
  }
  shared.users++;
  let server: TestServer;
  try {
    server = await shared.server;
  } catch (e) {
    shared.users--;
    if (holder[KEY] === shared) delete holder[KEY];
    throw e;
  }
  process.env[TEST_PG_ADMIN_ENV] = server.adminUrl;
  process.env[TEST_PG_TEMPLATE_ENV] = server.template;
  project.provide('megzoTestPg', { adminUrl: server.adminUrl, template: server.template });
  const current = shared;
  return async () => {
    current.users--;
    if (current.users === 0) {
      if (holder[KEY] === current) delete holder[KEY];
      await server.stop();
    }
  };
}
