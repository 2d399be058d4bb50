/** The default mappings of the first pair, as data (seeded into the database as version 1). */
import type { MappingVersionContent, TargetField } from '../types.ts';
import { catalogContent, catalogTargets } from './catalog.ts';
import { salesOrderContent, salesOrderTargets, shipmentContent, shipmentTargets } from './orders.ts';

export interface DefaultMapping {
  name: string;
  flow: 'catalog' | 'orders' | 'tracking';
  sourceKind: string;
  targetKind: string;
  content: MappingVersionContent;
  targets: TargetField[];
}

export const DEFAULT_MAPPINGS: {
  catalog: DefaultMapping & { flow: 'catalog' };
  salesOrder: DefaultMapping & { flow: 'orders' };
  shipment: DefaultMapping & { flow: 'tracking' };
} = {
  catalog: {
    name: 'Charisma item → CDON article',
    flow: 'catalog',
    sourceKind: 'charisma.product',
    targetKind: 'cdon.article',
    content: catalogContent,
    targets: catalogTargets,
  },
  salesOrder: {
    name: 'CDON order → Charisma sales order',
    flow: 'orders',
    sourceKind: 'cdon.order',
    targetKind: 'charisma.salesOrder',
    content: salesOrderContent,
    targets: salesOrderTargets,
  },
  shipment: {
    name: 'Order → DHL shipment',
    flow: 'tracking',
    sourceKind: 'cdon.order',
    targetKind: 'dhl.shipment',
    content: shipmentContent,
    targets: shipmentTargets,
  },
};
