/**
 * Connections: non-secret settings in `config` (JSON), secret settings split out and
 * stored encrypted in `secrets`. Which fields are secret is the connector's business
 * (its spec): callers pass the list. The public view never carries secrets.
 */
import { ConfigError } from '@megzo/domain';
import type { Connection, ConnectionStatus, Db } from '../client.ts';
import { secretBox, type SecretBox } from '../crypto.ts';
import { NotFoundError } from './errors.ts';

export type ConfigObject = Record<string, unknown>;

export interface SecretOptions {
  /** Names of the top-level config fields that are secret (from the connector's spec). */
  secretFields: readonly string[];
  /** Defaults to the process-wide box (MEGZO_SECRET_KEY). */
  box?: SecretBox;
}

/** A connection as the API may show it: no `secrets`, only which secret fields are set. */
export type PublicConnection = Omit<Connection, 'secrets'> & { secretFieldsSet: string[] };

function assertObject(value: unknown, field: string): asserts value is ConfigObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError({ message: `${field} must be an object`, path: field });
  }
}

/** Split a full config into its non-secret part and its secret part. */
export function splitSecrets(config: ConfigObject, secretFields: readonly string[]): { config: ConfigObject; secrets: ConfigObject } {
  const plain: ConfigObject = {};
  const secrets: ConfigObject = {};
  for (const [k, v] of Object.entries(config)) {
    if (secretFields.includes(k)) secrets[k] = v;
    else plain[k] = v;
  }
  return { config: plain, secrets };
}

function readSecrets(row: Pick<Connection, 'secrets'>, box: SecretBox): ConfigObject {
  return row.secrets ? box.decryptJson<ConfigObject>(row.secrets) : {};
}

function toPublic(row: Connection, box: SecretBox): PublicConnection {
  const { secrets: _secrets, ...rest } = row;
  return { ...rest, secretFieldsSet: Object.keys(readSecrets(row, box)).sort() };
}

export interface CreateConnectionInput {
  tenantId: string;
  connectorId: string;
  name: string;
  /** The full config, secrets included; they are split out by `secretFields`. */
  config: ConfigObject;
}

export async function createConnection(db: Db, input: CreateConnectionInput, opts: SecretOptions): Promise<PublicConnection> {
  assertObject(input.config, 'config');
  if (!input.name.trim()) throw new ConfigError({ message: 'name must not be empty', path: 'name' });
  if (!input.connectorId.trim()) throw new ConfigError({ message: 'connectorId must not be empty', path: 'connectorId' });
  const box = opts.box ?? secretBox();
  const { config, secrets } = splitSecrets(input.config, opts.secretFields);
  const row = await db.connection.create({
    data: {
      tenantId: input.tenantId,
      connectorId: input.connectorId,
      name: input.name,
      config: config as object,
      secrets: Object.keys(secrets).length ? box.encryptJson(secrets) : null,
    },
  });
  return toPublic(row, box);
}

export interface UpdateConnectionInput {
  name?: string;
  /**
   * New config. Non-secret fields replace the stored ones as a whole. Secret fields
   * given replace the stored secret, `null` removes it, absent ones are kept (so a
   * form can be saved without typing the password again).
   */
  config?: ConfigObject;
  status?: ConnectionStatus;
  lastCheckAt?: Date | null;
  lastCheckError?: string | null;
}

async function loadOwned(db: Db, tenantId: string, id: string): Promise<Connection> {
  const row = await db.connection.findFirst({ where: { id, tenantId } });
  if (!row) throw new NotFoundError('Connection', 'id', id);
  return row;
}

export async function updateConnection(
  db: Db,
  tenantId: string,
  id: string,
  patch: UpdateConnectionInput,
  opts: SecretOptions,
): Promise<PublicConnection> {
  const box = opts.box ?? secretBox();
  const current = await loadOwned(db, tenantId, id);
  const data: Parameters<Db['connection']['update']>[0]['data'] = {};
  if (patch.name !== undefined) {
    if (!patch.name.trim()) throw new ConfigError({ message: 'name must not be empty', path: 'name' });
    data.name = patch.name;
  }
  if (patch.config !== undefined) {
    assertObject(patch.config, 'config');
    const { config, secrets: given } = splitSecrets(patch.config, opts.secretFields);
    const secrets = readSecrets(current, box);
    for (const [k, v] of Object.entries(given)) {
      if (v === null) delete secrets[k];
      else secrets[k] = v;
    }
    data.config = config as object;
    data.secrets = Object.keys(secrets).length ? box.encryptJson(secrets) : null;
  }
  if (patch.status !== undefined) data.status = patch.status;
  if (patch.lastCheckAt !== undefined) data.lastCheckAt = patch.lastCheckAt;
  if (patch.lastCheckError !== undefined) data.lastCheckError = patch.lastCheckError;
  const row = await db.connection.update({ where: { id: current.id }, data });
  return toPublic(row, box);
}

/** The public view of one connection of the tenant. */
export async function getPublicConnection(db: Db, tenantId: string, id: string, box: SecretBox = secretBox()): Promise<PublicConnection> {
  return toPublic(await loadOwned(db, tenantId, id), box);
}

export async function listPublicConnections(db: Db, tenantId: string, box: SecretBox = secretBox()): Promise<PublicConnection[]> {
  const rows = await db.connection.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => toPublic(r, box));
}

/**
 * The decrypted, merged config a connector needs (scheduler / connection checks only;
 * never return it through the API). Scoped by tenant when `tenantId` is given.
 */
export async function getConnectionConfig(
  db: Db,
  id: string,
  opts: { tenantId?: string; box?: SecretBox } = {},
): Promise<{ connection: PublicConnection; config: ConfigObject }> {
  const box = opts.box ?? secretBox();
  const row = await db.connection.findFirst({ where: { id, ...(opts.tenantId ? { tenantId: opts.tenantId } : {}) } });
  if (!row) throw new NotFoundError('Connection', 'id', id);
  const plain = row.config;
  assertObject(plain, `Connection ${id} config`);
  return { connection: toPublic(row, box), config: { ...plain, ...readSecrets(row, box) } };
}

/** Record the outcome of a connection check. */
export async function recordConnectionCheck(db: Db, tenantId: string, id: string, error: string | null, at = new Date()): Promise<void> {
  const r = await db.connection.updateMany({
    where: { id, tenantId },
    data: { status: error ? 'FAILING' : 'OK', lastCheckAt: at, lastCheckError: error },
  });
  if (r.count === 0) throw new NotFoundError('Connection', 'id', id);
}
