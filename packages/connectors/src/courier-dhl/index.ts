import { ConfigError } from '@megzo/domain';
import { z } from 'zod';
import { defineConnector } from '../contract/define.ts';
import type { CourierConnectorInstance } from '../contract/kinds.ts';
import type { Capabilities, ConnectorDeps } from '../contract/types.ts';
import { createDhlClients } from './client.ts';
import { createShipment, trackMyDhl, trackUnified } from './shipments.ts';
import { DhlConfig } from './spec.ts';

export const DHL_CAPABILITIES: Capabilities = {
  invoiceUpload: false,
  returns: false,
  webhooks: false,
  partialFulfilment: false,
  incrementalRead: false,
  idempotentWrites: false,
  extra: { labels: true, tracking: true, shipmentCancel: false, pickup: false },
};

function openInstance(config: DhlConfig, deps: ConnectorDeps): CourierConnectorInstance {
  const { mydhl, tracking } = createDhlClients(config, deps);
  return {
    connectorId: 'courier-dhl',
    read(stream) {
      throw new ConfigError({ message: `courier-dhl has no stream "${stream}" (tracking is per AWB: track(awb))`, code: 'UNKNOWN_STREAM', source: 'courier-dhl' });
    },
    close: async () => {},
    createShipment: (input) => createShipment(mydhl, config, input),
    track: (awb) => (tracking ? trackUnified(tracking, awb) : trackMyDhl(mydhl, awb)),
  };
}

export const dhlConnector = defineConnector<DhlConfig, CourierConnectorInstance>({
  id: 'courier-dhl',
  kind: 'courier',
  label: 'DHL Express (MyDHL API + Unified Tracking)',
  spec: DhlConfig,
  async check(config, deps) {
    // An authenticated, side-effect-free call: tracking of a number that cannot exist.
    // 404 proves the credentials work; 401 is a ConfigError.
    const { mydhl } = createDhlClients(config, { ...deps, retry: { retries: 1, ...deps.retry } });
    await mydhl.request({ method: 'GET', path: '/shipments/0000000000/tracking', schema: z.unknown(), passStatuses: [404] });
  },
  async discover() {
    return { streams: [], capabilities: DHL_CAPABILITIES };
  },
  open: openInstance,
});
