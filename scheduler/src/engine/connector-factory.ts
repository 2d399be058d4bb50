/**
 * The production ConnectorFactory: decrypted connection config from @megzo/db,
 * connector code from the registry (the only place ids map to code), one shared
 * limiter registry per process so every run on one credential shares its rate
 * limit and Retry-After gate.
 */
import { getConnectionConfig } from '@megzo/db/repositories/connections.repo';
import { getConnector } from '@megzo/connectors/registry';
import { LimiterRegistry } from '@megzo/connectors/kit/limiter';
import type { Capabilities, ConnectorDeps } from '@megzo/connectors/contract/types';
import type { Db } from './db.ts';
import type { ConnectorFactory } from './integration.ts';

export function registryConnectorFactory(db: Db, deps: ConnectorDeps = {}): ConnectorFactory {
  const limiters = deps.limiters ?? new LimiterRegistry();
  const caps = new Map<string, Capabilities>();
  return {
    async open(connectionId) {
      const { connection, config } = await getConnectionConfig(db, connectionId);
      const connector = getConnector(connection.connectorId);
      const key = `${connectionId}:${connection.updatedAt.getTime()}`;
      let capabilities = caps.get(key);
      if (!capabilities) {
        capabilities = (await connector.discover(config, { ...deps, limiters })).capabilities;
        caps.set(key, capabilities);
      }
      return { connectorId: connector.id, kind: connector.kind, capabilities, instance: connector.open(config, { ...deps, limiters }) };
    },
  };
}
