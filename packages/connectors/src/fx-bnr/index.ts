import { defineConnector } from '../contract/define.ts';
import type { FxConnectorInstance } from '../contract/kinds.ts';
import { FX_CAPABILITIES, FX_STREAMS, FeedClient, openFeed, type FeedDefinition } from '../fx-common/feed.ts';
import { parseBnr } from '../fx-common/parse.ts';
import { BnrConfig } from './spec.ts';

function feed(config: BnrConfig): FeedDefinition {
  return {
    id: 'fx-bnr',
    baseUrls: config.baseUrls,
    latestPath: '/nbrfxrates.xml',
    historyPaths: (date) => ['/nbrfxrates10days.xml', `/files/xml/years/nbrfxrates${date.slice(0, 4)}.xml`],
    parse: (xml) => parseBnr(xml, 'fx-bnr'),
    toRates: (day) => day.rates.map((r) => ({ currency: r.currency, date: day.date, value: r.value, multiplier: r.multiplier, source: 'BNR' as const })),
  };
}

export const bnrConnector = defineConnector<BnrConfig, FxConnectorInstance>({
  id: 'fx-bnr',
  kind: 'fx',
  label: 'BNR reference rates (National Bank of Romania)',
  spec: BnrConfig,
  async check(config, deps) {
    await new FeedClient(feed(config), deps).rates();
  },
  async discover() {
    return { streams: FX_STREAMS, capabilities: FX_CAPABILITIES };
  },
  open: (config, deps) => openFeed(feed(config), deps),
});
