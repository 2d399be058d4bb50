import type { FastifyInstance } from 'fastify';
import { buildCdonServer } from './cdon/server.ts';
import { buildCharismaServer } from './charisma/server.ts';
import { buildDhlServer } from './dhl/server.ts';
import { buildFxServer } from './fx/server.ts';
import type { FaultConfig } from './common/faults.ts';

export { SANDBOX_CREDENTIALS } from './credentials.ts';
export { buildCdonServer, type CdonServer, type CdonServerOptions } from './cdon/server.ts';
export { buildCharismaServer, type CharismaServer, type CharismaServerOptions } from './charisma/server.ts';
export { buildDhlServer, type DhlServer, type DhlServerOptions } from './dhl/server.ts';
export { buildFxServer, type FxServer, type FxServerOptions } from './fx/server.ts';
export { faultConfigSchema, FaultInjector, type FaultConfig } from './common/faults.ts';
export { SimClock } from './common/clock.ts';
export { generateProduct, generateProducts, isValidEan13, ean13CheckDigit, type GeneratedProduct } from './generator/catalog.ts';

export type SystemName = 'cdon' | 'charisma' | 'dhl' | 'fx';

export interface SandboxOptions {
  host?: string;
  ports?: Partial<Record<SystemName, number>>;
  products?: number;
  seed?: number;
  faults?: Partial<Record<SystemName, FaultConfig[]>>;
  articleProcessingDelayMs?: number;
  logger?: boolean;
}

export interface Sandbox {
  urls: { cdon: string; charisma: string; dhl: string; fx: string };
  close(): Promise<void>;
}

export const DEFAULT_PORTS: Record<SystemName, number> = { cdon: 4101, charisma: 4102, dhl: 4103, fx: 4104 };

/** Raised when a simulator cannot listen; names the system and the port. */
export class SandboxStartError extends Error {
  constructor(readonly system: SystemName, readonly port: number, cause: unknown) {
    const code = (cause as { code?: string }).code;
    super(code === 'EADDRINUSE' ? `port ${port} (${system}) is already in use` : `cannot start ${system} on port ${port}: ${String((cause as Error).message ?? cause)}`);
    this.name = 'SandboxStartError';
  }
}

async function listen(app: FastifyInstance, system: SystemName, host: string, port: number): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (e) {
    await app.close().catch(() => undefined);
    throw new SandboxStartError(system, port, e);
  }
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
}

/** Start all four simulators on loopback. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const ports = { ...DEFAULT_PORTS, ...opts.ports };
  const products = opts.products ?? 500;
  const seed = opts.seed ?? 42;
  const logger = opts.logger ?? false;
  const apps: Record<SystemName, FastifyInstance> = {
    cdon: buildCdonServer({ faults: opts.faults?.cdon, articleProcessingDelayMs: opts.articleProcessingDelayMs, logger }).app,
    charisma: buildCharismaServer({ products, seed, faults: opts.faults?.charisma, logger }).app,
    dhl: buildDhlServer({ faults: opts.faults?.dhl, logger }).app,
    fx: buildFxServer({ seed, faults: opts.faults?.fx, logger }).app,
  };
  const started: FastifyInstance[] = [];
  const urls = { cdon: '', charisma: '', dhl: '', fx: '' };
  try {
    for (const system of ['cdon', 'charisma', 'dhl', 'fx'] as const) {
      urls[system] = await listen(apps[system], system, host, ports[system]);
      started.push(apps[system]);
    }
  } catch (e) {
    await Promise.all(Object.values(apps).map((a) => a.close().catch(() => undefined)));
    throw e;
  }
  let closed: Promise<void> | null = null;
  return {
    urls,
    close: () => {
      closed ??= Promise.all(started.map((a) => a.close())).then(() => undefined);
      return closed;
    },
  };
}
