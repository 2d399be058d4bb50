import { ConfigError, Order, ReturnRecord } from '@megzo/domain';
import { z } from 'zod';
import { defineConnector } from '../contract/define.ts';
import type { ArticleBatchResult, MarketplaceConnectorInstance } from '../contract/kinds.ts';
import type { Capabilities, ConnectorDeps, ReadMessage, StreamInfo } from '../contract/types.ts';
import { createArticles, pollStatuses, priceActions, quantityActions, sendUpdates, statusesBySku, type UpdateAction } from './articles.ts';
import { createCdonHttp } from './client.ts';
import { CdonConfig } from './spec.ts';
import { fulfilBody, getOrder, listOrders, orderAction, readCancellations, readOrders } from './streams/orders.ts';

export const CDON_STREAMS: StreamInfo[] = [
  { name: 'orders', description: 'New (CREATED) orders as canonical Order; one SKU per order', primaryKey: ['channelOrderId'], cursorField: ['createdAt', 'id'], modes: ['full', 'incremental'], recordSchema: Order },
  { name: 'returns', description: 'Cancelled orders (NOT_FULFILLED = refunded); CDON has no returns API', primaryKey: ['channelOrderId'], cursorField: ['updatedAt', 'id'], modes: ['full', 'incremental'], recordSchema: ReturnRecord },
];

/** cdon-api.md §4.4, §6: no invoice upload, no returns API, no webhooks, no partial fulfilment. */
export const CDON_CAPABILITIES: Capabilities = {
  invoiceUpload: false,
  returns: false,
  webhooks: false,
  partialFulfilment: false,
  incrementalRead: false,
  idempotentWrites: false,
  extra: { orderAccept: true, orderCancel: true, cancelAfterAccept: false, trackingOnFulfil: true, asyncArticleImport: true },
};

function openInstance(config: CdonConfig, deps: ConnectorDeps): MarketplaceConnectorInstance {
  const http = createCdonHttp(config, deps);
  const merge = (a: ArticleBatchResult, b: ArticleBatchResult): ArticleBatchResult => ({ batchIds: [...a.batchIds, ...b.batchIds], results: [...a.results, ...b.results] });
  const updateArticles = (articles: Array<Record<string, unknown>>) =>
    sendUpdates(
      http,
      config,
      articles.map((a): UpdateAction => {
        const { sku, price: _p, quantity: _q, ...body } = a as { sku: string; price?: unknown; quantity?: unknown };
        return { sku: String(sku), action: 'update_article', body };
      }),
      'catalog',
    );
  return {
    connectorId: 'marketplace-cdon',
    read(stream, state, options): AsyncIterable<ReadMessage> {
      if (stream === 'orders') return readOrders(http, state, config.ordersPageSize, options);
      if (stream === 'returns') return readCancellations(http, state, config.ordersPageSize, options);
      throw new ConfigError({ message: `marketplace-cdon has no stream "${stream}"`, code: 'UNKNOWN_STREAM', path: 'stream', source: 'marketplace-cdon' });
    },
    close: async () => {},
    createArticles: (articles) => createArticles(http, config, articles),
    updateArticles,
    async upsertArticles(articles, known) {
      const toCreate = articles.filter((a) => !known(String(a.sku)));
      const toUpdate = articles.filter((a) => known(String(a.sku)));
      return merge(await createArticles(http, config, toCreate), toUpdate.length ? await updateArticles(toUpdate) : { batchIds: [], results: [] });
    },
    updatePrices: (updates) => sendUpdates(http, config, priceActions(updates), 'prices'),
    async updateQuantities(updates) {
      const actions = quantityActions(updates);
      const bad = actions.flatMap((a) => ('error' in a ? [{ key: a.sku, ok: false as const, error: a.error }] : []));
      const good = actions.filter((a): a is UpdateAction => !('error' in a));
      const res = good.length ? await sendUpdates(http, config, good, 'stock') : { batchIds: [], results: [] };
      return { batchIds: res.batchIds, results: [...bad, ...res.results] };
    },
    deleteArticles: (skus) => sendUpdates(http, config, skus.map((sku) => ({ sku, action: 'delete_article' as const })), 'catalog'),
    pollStatuses: (ids) => pollStatuses(http, ids),
    statusesBySku: (skus) => statusesBySku(http, skus),
    listOrders: (q) => listOrders(http, q),
    getOrder: (id) => getOrder(http, id),
    acceptOrder: (id) => orderAction(http, id, 'accept'),
    fulfilOrder: async (id, tracking) => orderAction(http, id, 'fulfill', fulfilBody(tracking)),
    cancelOrder: (id) => orderAction(http, id, 'cancel'),
  };
}

export const cdonConnector = defineConnector<CdonConfig, MarketplaceConnectorInstance>({
  id: 'marketplace-cdon',
  kind: 'marketplace',
  label: 'CDON Marketplace',
  spec: CdonConfig,
  async check(config, deps) {
    // Any authenticated read proves the credentials: the order list with limit 1.
    const http = createCdonHttp(config, { ...deps, retry: { retries: 1, ...deps.retry } });
    await http.request({ method: 'GET', path: '/v1/orders/', query: { state: 'CREATED', limit: 1, page: 1 }, schema: z.array(z.unknown()), lane: 'orders' });
  },
  async discover() {
    return { streams: CDON_STREAMS, capabilities: CDON_CAPABILITIES };
  },
  open: openInstance,
});
