/** The explicit list of flows this scheduler runs (one line per flow). */
import type { FlowId } from '@megzo/domain';
import type { FlowDefinition } from '../engine/context.ts';
import { catalogFlow } from './catalog/flow.ts';
import { ordersFlow } from './orders/flow.ts';
import { stockFlow } from './stock/flow.ts';
import { invoicesFlow } from './invoices/flow.ts';
import { trackingFlow } from './tracking/flow.ts';
import { returnsFlow } from './returns/flow.ts';

export const FLOW_DEFINITIONS: Partial<Record<FlowId, FlowDefinition<unknown>>> = {
  catalog: catalogFlow as FlowDefinition<unknown>,
  stock: stockFlow as FlowDefinition<unknown>,
  orders: ordersFlow as FlowDefinition<unknown>,
  invoices: invoicesFlow as FlowDefinition<unknown>,
  tracking: trackingFlow as FlowDefinition<unknown>,
  returns: returnsFlow as FlowDefinition<unknown>,
};
