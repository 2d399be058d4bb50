/**
 * `npm start`: the whole product on its embedded defaults, supervised, with
 * prefixed logs. Ctrl-C stops everything cleanly.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PORTS, ROOT, startStack, type Stack } from './stack.ts';

const port = (def: number) =>
  z.coerce.number().int().min(1).max(65535).default(def);

const Env = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  STUDIO_PORT: port(DEFAULT_PORTS.studio),
  API_PORT: port(DEFAULT_PORTS.api),
  SANDBOX_PORT_CDON: port(DEFAULT_PORTS.cdon),
  SANDBOX_PORT_CHARISMA: port(DEFAULT_PORTS.charisma),
  SANDBOX_PORT_DHL: port(DEFAULT_PORTS.dhl),
  SANDBOX_PORT_FX: port(DEFAULT_PORTS.fx),
  SANDBOX_PRODUCTS: z.coerce.number().int().min(1).max(100_000).default(500),
  MEGZO_DATA_DIR: z.string().default(join(ROOT, '.data')),
});

function fail(line: string): never {
  console.error(`megzo: ${line}`);
  process.exit(1);
}

// An empty variable counts as unset.
const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  fail(`environment variable ${issue.path.join('.')} is invalid: ${issue.message}`);
}
const env = parsed.data;

// One running instance per data folder: a second `npm start` must not touch the database.
mkdirSync(env.MEGZO_DATA_DIR, { recursive: true });
const lockFile = join(env.MEGZO_DATA_DIR, 'megzo.pid');
if (existsSync(lockFile)) {
  const pid = Number(readFileSync(lockFile, 'utf8'));
  let alive: boolean;
  try {
    process.kill(pid, 0);
    alive = pid !== process.pid;
  } catch {
    alive = false;
  }
  if (alive) fail(`MEGZO IV is already running from ${env.MEGZO_DATA_DIR} (pid ${pid}); stop it (Ctrl-C) before starting again`);
}
writeFileSync(lockFile, String(process.pid));
const releaseLock = () => {
  try {
    if (readFileSync(lockFile, 'utf8') === String(process.pid)) rmSync(lockFile);
  } catch {
    /* already gone */
  }
};

let stack: Stack | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nmegzo: stopping…');
  await stack?.stop();
  releaseLock();
  console.log('megzo: stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  console.log('megzo: starting database, sandbox systems, scheduler, API and studio…');
  stack = await startStack({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.MEGZO_DATA_DIR,
    products: env.SANDBOX_PRODUCTS,
    ports: {
      studio: env.STUDIO_PORT,
      api: env.API_PORT,
      cdon: env.SANDBOX_PORT_CDON,
      charisma: env.SANDBOX_PORT_CHARISMA,
      dhl: env.SANDBOX_PORT_DHL,
      fx: env.SANDBOX_PORT_FX,
    },
    onUnexpectedExit: (name, code) => {
      console.error(`megzo: ${name} stopped unexpectedly (exit ${code}); stopping everything`);
      void shutdown(1);
    },
  });
} catch (err) {
  releaseLock();
  fail((err as Error).message.split('\n')[0] ?? String(err));
}

const u = stack.urls;
console.log(`
MEGZO IV is running.
  Studio        ${u.studio}
  GraphQL API   ${u.graphql}   (health: ${u.api}/healthz, metrics: ${u.api}/metrics)
  Sign in       ${stack.users.admin.email} / ${stack.users.admin.password}   (also editor@… and viewer@…, same password)
  Sandbox       CDON ${u.cdon}  Charisma ${u.charisma}  DHL ${u.dhl}  FX ${u.fx}
  Database      ${env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL (data in ${env.MEGZO_DATA_DIR})`}
Press Ctrl-C to stop.
`);
