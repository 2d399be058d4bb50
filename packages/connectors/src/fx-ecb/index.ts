import { defineConnector } from '../contract/define.ts';
import type { FxConnectorInstance } from '../contract/kinds.ts';
import { FX_CAPABILITIES, FX_STREAMS, FeedClient, openFeed, type FeedDefinition } from '../fx-common/feed.ts';
import { ecbToRon, parseEcb } from '../fx-common/parse.ts';
import { EcbConfig } from './spec.ts';

function feed(config: EcbConfig): FeedDefinition {
  return {
    id: 'fx-ecb',
    baseUrls: [config.baseUrl],
    latestPath: '/eurofxref-daily.xml',
    historyPaths: () => ['/eurofxref-hist-90d.xml', '/eurofxref-hist.xml'],
    parse: (xml) => parseEcb(xml, 'fx-ecb'),
    toRates: ecbToRon,
  };
}

/** ECB publishes EUR-based rates; rates are returned as RON cross-rates (BNR semantics) and say so in `note`. */
export const ecbConnector = defineConnector<EcbConfig, FxConnectorInstance>({
  id: 'fx-ecb',
  kind: 'fx',
  label: 'ECB euro reference rates (RON cross-rates)',
  spec: EcbConfig,
  async check(config, deps) {
    await new FeedClient(feed(config), deps).rates();
  },
  async discover() {
    return { streams: FX_STREAMS, capabilities: FX_CAPABILITIES };
  },
  open: (config, deps) => openFeed(feed(config), deps),
});
