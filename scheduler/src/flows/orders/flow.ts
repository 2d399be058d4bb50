/** Orders: channel orders → exactly one ERP sales order each → accepted on the channel. */
import { defineFlow } from '../../engine/context.ts';
import { acceptOrdersStep } from './steps/accept.step.ts';
import { createErpOrdersStep } from './steps/create-erp-orders.step.ts';
import { importOrdersStep } from './steps/import.step.ts';
import { pushStockOnOrderStep } from './steps/push-stock.step.ts';

export interface OrdersState {
  newOrders: Array<{ orderId: string; connectionId: string }>;
  reservedSkus: Set<string>;
  erpCreated: number;
}

export const ordersFlow = defineFlow<OrdersState>({
  id: 'orders',
  usesMapping: true,
  initialState: () => ({ newOrders: [], reservedSkus: new Set(), erpCreated: 0 }),
  steps: [importOrdersStep, pushStockOnOrderStep, createErpOrdersStep, acceptOrdersStep],
});
