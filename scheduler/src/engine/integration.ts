/**
 * Opens the connectors of one integration (ERP, channels, courier, FX) for a run.
 * Which code talks to which system is decided by the connector registry behind
 * `ConnectorFactory`; flows only see kind-level interfaces.
 */
import { ConfigError } from '@megzo/domain';
import type {
  CourierConnectorInstance,
  ErpConnectorInstance,
  FxConnectorInstance,
  MarketplaceConnectorInstance,
} from '@megzo/connectors/contract/kinds';
import type { Capabilities, ConnectorInstance, ConnectorKind } from '@megzo/connectors/contract/types';
import type { Db } from './db.ts';
import type { ChannelPort, IntegrationConnectors } from './context.ts';

export interface OpenedConnector {
  connectorId: string;
  kind: ConnectorKind;
  capabilities: Capabilities;
  instance: ConnectorInstance;
}

export interface ConnectorFactory {
  open(connectionId: string): Promise<OpenedConnector>;
}

function expectKind<T>(o: OpenedConnector, kind: ConnectorKind, role: string): T {
  if (o.kind !== kind) {
    throw new ConfigError({ message: `The ${role} connection uses ${o.connectorId}, which is not a ${kind} connector.`, code: 'WRONG_CONNECTOR_KIND' });
  }
  return o.instance as T;
}

export async function openIntegration(db: Db, factory: ConnectorFactory, integrationId: string): Promise<IntegrationConnectors> {
  const integration = await db.integration.findUnique({ where: { id: integrationId }, include: { channels: true } });
  if (!integration) throw new ConfigError({ message: `Integration ${integrationId} does not exist.`, code: 'INTEGRATION_NOT_FOUND' });
  const opened: ConnectorInstance[] = [];
  const open = async (id: string) => {
    const o = await factory.open(id);
    opened.push(o.instance);
    return o;
  };
  try {
    const erpO = await open(integration.erpConnectionId);
    const channels: ChannelPort[] = [];
    for (const ch of integration.channels) {
      const o = await open(ch.connectionId);
      channels.push({
        connectionId: ch.connectionId,
        connectorId: o.connectorId,
        markets: ch.markets,
        capabilities: o.capabilities,
        api: expectKind<MarketplaceConnectorInstance>(o, 'marketplace', 'channel'),
      });
    }
    const courierO = integration.courierConnectionId ? await open(integration.courierConnectionId) : undefined;
    const fxO = integration.fxConnectionId ? await open(integration.fxConnectionId) : undefined;
    // A fallback FX source: another FX connection of the same tenant, if there is one.
    const fxCandidates = await db.connection.findMany({
      where: { tenantId: integration.tenantId, id: { not: integration.fxConnectionId ?? '' }, connectorId: { startsWith: 'fx-' } },
      select: { id: true },
      take: 1,
    });
    const fallbackO = fxCandidates[0] ? await open(fxCandidates[0].id).catch(() => undefined) : undefined;
    return {
      erp: {
        connectionId: integration.erpConnectionId,
        connectorId: erpO.connectorId,
        capabilities: erpO.capabilities,
        api: expectKind<ErpConnectorInstance>(erpO, 'erp', 'ERP'),
      },
      channels,
      courier: courierO && {
        connectionId: integration.courierConnectionId!,
        connectorId: courierO.connectorId,
        capabilities: courierO.capabilities,
        api: expectKind<CourierConnectorInstance>(courierO, 'courier', 'courier'),
      },
      fx: fxO && { connectionId: integration.fxConnectionId!, connectorId: fxO.connectorId, api: expectKind<FxConnectorInstance>(fxO, 'fx', 'FX') },
      fxFallback:
        fallbackO && fallbackO.kind === 'fx'
          ? { connectionId: fxCandidates[0]!.id, connectorId: fallbackO.connectorId, api: fallbackO.instance as FxConnectorInstance }
          : undefined,
      async close() {
        await Promise.allSettled(opened.map((i) => i.close()));
      },
    };
  } catch (e) {
    await Promise.allSettled(opened.map((i) => i.close()));
    throw e;
  }
}
