/**
 * Connections: config validated by the connector's spec, secret fields split out and
 * stored encrypted (never returned), connection checks and discovery (the API calls
 * only spec/check/discover of a connector, never read/write).
 */
import { z } from 'zod';
import { getConnector } from '@megzo/connectors/registry';
import { isIntegrationError } from '@megzo/domain';
import {
  createConnection as repoCreate,
  getConnectionConfig,
  recordConnectionCheck,
  updateConnection as repoUpdate,
} from '@megzo/db/repositories/connections.repo';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { ConflictError, InputError, NotFoundError, fromDb } from '../errors.ts';
import { audit } from './audit.ts';

const CHECK_TIMEOUT_MS = 15_000;
type ConfigObject = Record<string, unknown>;

function connectorOr400(connectorId: string) {
  try {
    return getConnector(connectorId);
  } catch {
    throw new InputError(`connectorId: unknown connector "${connectorId}"`, [{ path: 'connectorId', message: 'is not a known connector' }]);
  }
}

function validateConfig(connectorId: string, config: ConfigObject): void {
  const connector = connectorOr400(connectorId);
  const r = (connector.spec as z.ZodType).safeParse(config);
  if (!r.success) throw InputError.fromZod(r.error, 'config');
}

function asObject(value: unknown, field: string): ConfigObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(`${field}: must be a JSON object`, [{ path: field, message: 'must be a JSON object' }]);
  return value as ConfigObject;
}

const Name = z.string().trim().min(1, 'must not be empty').max(200);

export async function createConnection(deps: AppDeps, p: Principal, input: { connectorId: string; name: string; config: unknown }) {
  const name = Name.safeParse(input.name);
  if (!name.success) throw InputError.fromZod(name.error, 'name');
  const config = asObject(input.config, 'config');
  validateConfig(input.connectorId, config);
  const connector = connectorOr400(input.connectorId);
  const clash = await deps.prisma.connection.findFirst({ where: { tenantId: p.tenantId, name: name.data }, select: { id: true } });
  if (clash) throw new InputError(`name: a connection named "${name.data}" already exists`, [{ path: 'name', message: 'already exists' }]);
  return deps.prisma.$transaction(async (tx) => {
    const c = await repoCreate(
      tx,
      { tenantId: p.tenantId, connectorId: input.connectorId, name: name.data, config },
      { secretFields: connector.secretFields, box: deps.secrets },
    );
    await audit(tx, p, 'connection.create', 'Connection', c.id, { connectorId: c.connectorId, name: c.name, secretFieldsSet: c.secretFieldsSet });
    return c;
  });
}

/**
 * Non-secret fields given replace the stored ones; secret fields given replace the
 * stored secret, `null` removes it, absent ones are kept (forms need not re-type passwords).
 */
export async function updateConnection(deps: AppDeps, p: Principal, id: string, input: { name?: string; config?: unknown }) {
  const current = await fromDb(() => getConnectionConfig(deps.prisma, id, { tenantId: p.tenantId, box: deps.secrets }));
  const connector = connectorOr400(current.connection.connectorId);
  let name: string | undefined;
  if (input.name !== undefined) {
    const r = Name.safeParse(input.name);
    if (!r.success) throw InputError.fromZod(r.error, 'name');
    name = r.data;
  }
  let config: ConfigObject | undefined;
  if (input.config !== undefined) {
    config = asObject(input.config, 'config');
    const merged: ConfigObject = { ...config };
    for (const f of connector.secretFields) {
      if (!(f in config) && f in current.config) merged[f] = current.config[f];
      if (config[f] === null) delete merged[f];
    }
    validateConfig(connector.id, merged);
  }
  return deps.prisma.$transaction(async (tx) => {
    const c = await fromDb(() =>
      repoUpdate(tx, p.tenantId, id, { name, config, status: config ? 'UNCHECKED' : undefined }, { secretFields: connector.secretFields, box: deps.secrets }),
    );
    await audit(tx, p, 'connection.update', 'Connection', id, {
      name,
      fields: config ? Object.keys(config).map((k) => (connector.secretFields.includes(k) ? `${k} (secret)` : k)) : undefined,
    });
    return c;
  });
}

export async function deleteConnection(deps: AppDeps, p: Principal, id: string): Promise<string> {
  const c = await deps.prisma.connection.findFirst({
    where: { id, tenantId: p.tenantId },
    select: { id: true, name: true, _count: { select: { erpIntegrations: true, channels: true, courierIntegrations: true, fxIntegrations: true } } },
  });
  if (!c) throw new NotFoundError('Connection', id);
  const uses = Object.values(c._count).reduce((a, b) => a + b, 0);
  if (uses > 0) throw new ConflictError(`Connection "${c.name}" is used by ${uses} integration(s); remove it from them first`);
  await deps.prisma.$transaction(async (tx) => {
    await tx.connection.delete({ where: { id } });
    await audit(tx, p, 'connection.delete', 'Connection', id, { name: c.name });
  });
  return id;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function describe(e: unknown): string {
  if (isIntegrationError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Runs the connector's check with the stored config; records OK/FAILING on the connection. */
export async function testConnection(deps: AppDeps, p: Principal, id: string): Promise<{ ok: boolean; message: string }> {
  const { connection, config } = await fromDb(() => getConnectionConfig(deps.prisma, id, { tenantId: p.tenantId, box: deps.secrets }));
  const connector = connectorOr400(connection.connectorId);
  let error: string | null = null;
  try {
    await withTimeout(connector.check(config), CHECK_TIMEOUT_MS, connector.label);
  } catch (e) {
    error = describe(e);
  }
  await recordConnectionCheck(deps.prisma, p.tenantId, id, error, deps.now());
  await audit(deps.prisma, p, 'connection.test', 'Connection', id, { ok: !error, error });
  return error ? { ok: false, message: error } : { ok: true, message: `${connector.label}: connection works` };
}

export async function discoverConnection(deps: AppDeps, p: Principal, id: string) {
  const { connection, config } = await fromDb(() => getConnectionConfig(deps.prisma, id, { tenantId: p.tenantId, box: deps.secrets }));
  const connector = connectorOr400(connection.connectorId);
  try {
    const r = await withTimeout(connector.discover(config), CHECK_TIMEOUT_MS, connector.label);
    return {
      capabilities: r.capabilities,
      streams: r.streams.map((s) => ({ name: s.name, description: s.description, primaryKey: s.primaryKey, cursorField: s.cursorField ?? null, modes: s.modes })),
    };
  } catch (e) {
    throw new ConflictError(`Discovery failed: ${describe(e)}`);
  }
}
