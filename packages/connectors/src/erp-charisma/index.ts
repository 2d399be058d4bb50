import { ConfigError, Invoice as CanonicalInvoice, Product, StockLevel } from '@megzo/domain';
import { defineConnector } from '../contract/define.ts';
import type { ErpConnectorInstance } from '../contract/kinds.ts';
import type { Capabilities, ConnectorDeps, ReadMessage, StreamInfo } from '../contract/types.ts';
import { Company, Item, PATHS, Price, ReturnDoc } from './adapter-contract.ts';
import { CharismaClient } from './client.ts';
import * as ops from './operations.ts';
import { CharismaConfig } from './spec.ts';
import { readInvoices, readReturns } from './streams/invoices.ts';
import { readItems, readPrices, readProducts } from './streams/products.ts';
import { readStock } from './streams/stock.ts';

const incremental = { modes: ['full', 'incremental'] as Array<'full' | 'incremental'>, cursorField: ['updatedAt', 'id'] };

export const CHARISMA_STREAMS: StreamInfo[] = [
  { name: 'products', description: 'Items joined with the configured price list and VAT codes', primaryKey: ['sku'], recordSchema: Product, ...incremental },
  { name: 'items', description: 'Raw Charisma items', primaryKey: ['code'], recordSchema: Item, ...incremental },
  { name: 'prices', description: 'Price-list rows', primaryKey: ['itemCode'], recordSchema: Price, ...incremental },
  { name: 'stockLevels', description: 'Available stock per item in the configured warehouse', primaryKey: ['sku', 'warehouse'], recordSchema: StockLevel, ...incremental },
  { name: 'invoices', description: 'Invoices the ERP issued (read only)', primaryKey: ['externalId'], recordSchema: CanonicalInvoice, ...incremental },
  { name: 'returns', description: 'Returns registered in the ERP and their status', primaryKey: ['id'], recordSchema: ReturnDoc, ...incremental },
  { name: 'creditNotes', description: 'Credit notes (storno) the ERP issued (read only)', primaryKey: ['externalId'], recordSchema: CanonicalInvoice, ...incremental },
];

export const CHARISMA_CAPABILITIES: Capabilities = {
  invoiceUpload: false,
  returns: true,
  webhooks: false,
  partialFulfilment: true,
  incrementalRead: true,
  idempotentWrites: true,
  extra: { invoicePdf: true, creditNotes: true, partners: true, salesOrderCancel: true },
};

function openInstance(config: CharismaConfig, deps: ConnectorDeps): ErpConnectorInstance {
  const client = new CharismaClient(config, deps);
  return {
    connectorId: 'erp-charisma',
    read(stream, state, options): AsyncIterable<ReadMessage> {
      switch (stream) {
        case 'products':
          return readProducts(client, state, options);
        case 'items':
          return readItems(client, state, options);
        case 'prices':
          return readPrices(client, state, options);
        case 'stockLevels':
          return readStock(client, state, options);
        case 'returns':
          return readReturns(client, state, options);
        case 'invoices':
        case 'creditNotes':
          return readInvoices(client, stream, state, options);
        default:
          throw new ConfigError({ message: `erp-charisma has no stream "${stream}"`, code: 'UNKNOWN_STREAM', path: 'stream', source: 'erp-charisma' });
      }
    },
    close: async () => {},
    findOrCreatePartner: (p, o) => ops.findOrCreatePartner(client, p, o),
    createSalesOrder: (order, o) => ops.createSalesOrder(client, order, o),
    findSalesOrderByExternalRef: (ref) => ops.findSalesOrderByExternalRef(client, ref),
    getSalesOrder: (id) => ops.getSalesOrder(client, id),
    cancelSalesOrder: (id, reason) => ops.cancelSalesOrder(client, id, reason),
    setSalesOrderShipment: (id, s) => ops.setSalesOrderShipment(client, id, s),
    listInvoices: (f) => ops.listInvoices(client, f),
    getInvoicePdf: (id) => ops.getInvoicePdf(client, id),
    createReturn: (r, o) => ops.createReturn(client, r, o),
  };
}

export const charismaConnector = defineConnector<CharismaConfig, ErpConnectorInstance>({
  id: 'erp-charisma',
  kind: 'erp',
  label: 'Charisma ERP (TotalSoft)',
  spec: CharismaConfig,
  async check(config, deps) {
    const client = new CharismaClient(config, { ...deps, retry: { retries: 1, ...deps.retry } });
    await client.get(PATHS.company, Company);
  },
  async discover() {
    return { streams: CHARISMA_STREAMS, capabilities: CHARISMA_CAPABILITIES };
  },
  open: openInstance,
});
