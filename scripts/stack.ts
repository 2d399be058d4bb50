/**
 * The whole product as supervised processes: database (embedded unless a URL is
 * given), migrations, sandbox systems, seed, scheduler, API and studio. Used by
 * `npm start` (fixed default ports, persistent data) and by the e2e suite (free
 * ports, a throw-away data folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supervisor } from './supervisor.ts';
import { assertPortFree } from './ports.ts';
import { SCHEDULER_NODE_FLAGS } from '../scheduler/src/runtime-flags.ts';

export const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const NEXT = join(ROOT, 'studio', 'node_modules', '.bin', 'next');

export interface StackPorts {
  studio: number;
  api: number;
  cdon: number;
  charisma: number;
  dhl: number;
  fx: number;
}
export const DEFAULT_PORTS: StackPorts = { studio: 3000, api: 4000, cdon: 4101, charisma: 4102, dhl: 4103, fx: 4104 };
export const PORT_VARS: Record<keyof StackPorts, string> = {
  studio: 'STUDIO_PORT',
  api: 'API_PORT',
  cdon: 'SANDBOX_PORT_CDON',
  charisma: 'SANDBOX_PORT_CHARISMA',
  dhl: 'SANDBOX_PORT_DHL',
  fx: 'SANDBOX_PORT_FX',
};

/** Demo sign-ins created by the seed (sandbox data only; never production). */
export const DEMO_PASSWORD = 'megzo-demo';
export const DEMO_USERS = {
  admin: { email: 'admin@demo.megzo.local', password: DEMO_PASSWORD },
  editor: { email: 'editor@demo.megzo.local', password: DEMO_PASSWORD },
  viewer: { email: 'viewer@demo.megzo.local', password: DEMO_PASSWORD },
};

export interface StackOptions {
  host?: string;
  ports?: Partial<StackPorts>;
  /** Use this PostgreSQL; otherwise start the embedded one. */
  databaseUrl?: string;
  /** Data folder for the embedded database and the dev secret key (default <repo>/.data). */
  dataDir?: string;
  products?: number;
  studio?: 'start' | 'none';
  quiet?: boolean;
  /** Extra environment for every child (e.g. faster heartbeats in e2e). */
  env?: Record<string, string>;
  log?: (line: string) => void;
  onUnexpectedExit?: (name: string, code: number | null) => void;
}

export interface Stack {
  urls: { studio: string; api: string; graphql: string; cdon: string; charisma: string; dhl: string; fx: string };
  databaseUrl: string;
  users: typeof DEMO_USERS;
  stop(): Promise<void>;
}

function hashTree(paths: string[]): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name === '.next' || name.endsWith('.test.ts')) continue;
        walk(join(p, name));
      }
    } else {
      h.update(p);
      h.update(readFileSync(p));
    }
  };
  paths.forEach(walk);
  return h.digest('hex');
}

/** `next build` only when the studio or what it bundles changed since the last build. */
export async function buildStudioIfNeeded(sup: Supervisor): Promise<void> {
  const inputs = ['studio/src', 'studio/public', 'studio/next.config.ts', 'studio/next.config.mjs', 'studio/package.json', 'packages/mapping/src', 'packages/domain/src', 'api/schema.graphql'].map((p) => join(ROOT, p));
  const hash = hashTree(inputs);
  const marker = join(ROOT, 'studio', '.next', '.megzo-build-hash');
  if (existsSync(join(ROOT, 'studio', '.next', 'BUILD_ID')) && existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  await sup.runOnce({ name: 'studio-build', command: NEXT, args: ['build'], cwd: join(ROOT, 'studio'), env: { NEXT_TELEMETRY_DISABLED: '1' } });
  writeFileSync(marker, hash);
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const host = opts.host ?? '127.0.0.1';
  const ports: StackPorts = { ...DEFAULT_PORTS, ...opts.ports };
  const dataDir = opts.dataDir ?? join(ROOT, '.data');
  const sup = new Supervisor({ cwd: ROOT, quiet: opts.quiet, log: opts.log });
  sup.onUnexpectedExit = opts.onUnexpectedExit;
  const baseEnv: Record<string, string> = { MEGZO_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', ...opts.env };

  for (const key of Object.keys(ports) as (keyof StackPorts)[]) {
    if (key === 'studio' && opts.studio === 'none') continue;
    await assertPortFree(ports[key], host, PORT_VARS[key]);
  }

  try {
    // The db process starts the embedded server (or checks DATABASE_URL: reachable,
    // PostgreSQL >= 14) and applies pending migrations before it reports ready.
    const line = await sup.start({
      name: 'db',
      command: TSX,
      args: ['prisma/src/db-main.ts'],
      env: { ...baseEnv, DATABASE_URL: opts.databaseUrl },
      readyJsonKey: 'databaseUrl',
      readyTimeoutMs: 90_000,
    });
    const databaseUrl = String(line.databaseUrl);
    const env = { ...baseEnv, DATABASE_URL: databaseUrl };
    if (opts.studio !== 'none') await buildStudioIfNeeded(sup);

    const sandboxEnv = {
      ...env,
      SANDBOX_HOST: host,
      SANDBOX_PORT_CDON: String(ports.cdon),
      SANDBOX_PORT_CHARISMA: String(ports.charisma),
      SANDBOX_PORT_DHL: String(ports.dhl),
      SANDBOX_PORT_FX: String(ports.fx),
      SANDBOX_PRODUCTS: String(opts.products ?? 500),
    };
    const sb = (await sup.start({ name: 'sandbox', command: TSX, args: ['packages/sandbox/src/main.ts'], env: sandboxEnv, readyJsonKey: 'sandbox' })).sandbox as Record<string, string>;

    await sup.runOnce({
      name: 'seed',
      command: TSX,
      args: ['scripts/seed.ts'],
      env: { ...env, SANDBOX_URL_CDON: sb.cdon, SANDBOX_URL_CHARISMA: sb.charisma, SANDBOX_URL_DHL: sb.dhl, SANDBOX_URL_FX: sb.fx, DEMO_PASSWORD },
    });

    const apiUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${ports.api}`;
    const studioUrl = `http://localhost:${ports.studio}`;
    // The scheduler first: it creates Agenda's job table (under a lock) before the
    // API's enqueue-only Agenda instance connects to it.
    await sup.start({ name: 'scheduler', command: process.execPath, args: [...SCHEDULER_NODE_FLAGS, '--import', 'tsx', 'scheduler/src/main.ts'], env, readyWhen: (l) => l.msg === 'scheduler started', readyTimeoutMs: 60_000 });
    await sup.start({
      name: 'api',
      command: TSX,
      args: ['api/src/main.ts'],
      env: { ...env, API_PORT: String(ports.api), API_HOST: host, STUDIO_ORIGIN: studioUrl },
      readyUrl: `${apiUrl}/healthz`,
    });
    if (opts.studio !== 'none') {
      await sup.start({
        name: 'studio',
        command: NEXT,
        args: ['start', '-p', String(ports.studio), '-H', host === '127.0.0.1' ? 'localhost' : host],
        cwd: join(ROOT, 'studio'),
        env: { ...env, PORT: String(ports.studio), MEGZO_API_URL: `http://localhost:${ports.api}/graphql` },
        readyUrl: `${studioUrl}/`,
      });
    }
    return {
      urls: { studio: studioUrl, api: apiUrl, graphql: `http://localhost:${ports.api}/graphql`, cdon: sb.cdon!, charisma: sb.charisma!, dhl: sb.dhl!, fx: sb.fx! },
      databaseUrl,
      users: DEMO_USERS,
      stop: () => sup.stopAll(),
    };
  } catch (err) {
    await sup.stopAll(5000);
    throw err;
  }
}
