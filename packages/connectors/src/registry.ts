/**
 * The explicit list of connectors: the only place a connector id is matched to code.
 * Adding a connector = one folder + one line here.
 */
import { ConfigError } from '@megzo/domain';
import type { Connector, ConnectorInstance, ConnectorKind } from './contract/types.ts';
import { stripSecrets } from './contract/secret.ts';
import { charismaConnector } from './erp-charisma/index.ts';
import { cdonConnector } from './marketplace-cdon/index.ts';
import { dhlConnector } from './courier-dhl/index.ts';
import { bnrConnector } from './fx-bnr/index.ts';
import { ecbConnector } from './fx-ecb/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own config type
type AnyConnector = Connector<any, ConnectorInstance>;

const CONNECTORS: readonly AnyConnector[] = [charismaConnector, cdonConnector, dhlConnector, bnrConnector, ecbConnector];

const BY_ID = new Map(CONNECTORS.map((c) => [c.id, c]));

export interface ConnectorSummary {
  id: string;
  kind: ConnectorKind;
  label: string;
  secretFields: string[];
  /** JSON schema of the config (secret fields: `secret: true`, `writeOnly: true`). */
  configSchema: Record<string, unknown>;
}

export function listConnectors(): ConnectorSummary[] {
  return CONNECTORS.map((c) => ({ id: c.id, kind: c.kind, label: c.label, secretFields: c.secretFields, configSchema: c.jsonSchema() }));
}

/** Throws ConfigError for an unknown id. */
export function getConnector(id: string): AnyConnector {
  const c = BY_ID.get(id);
  if (!c) throw new ConfigError({ message: `Unknown connector "${id}"`, code: 'UNKNOWN_CONNECTOR', path: 'connectorId', source: 'registry' });
  return c;
}

export function connectorIds(): string[] {
  return CONNECTORS.map((c) => c.id);
}

/** The config without its secret fields (what the API may return). */
export function redactConfig<T>(id: string, config: T): T {
  return stripSecrets(config, getConnector(id).secretFields);
}

export { charismaConnector, cdonConnector, dhlConnector, bnrConnector, ecbConnector };
