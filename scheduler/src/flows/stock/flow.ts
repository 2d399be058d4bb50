/** Stock: ERP available − open reservations − buffer → every channel, changes only. */
import { defineFlow } from '../../engine/context.ts';
import { pushStockStep } from './steps/push-stock.step.ts';
import { readErpStockStep } from './steps/read-erp-stock.step.ts';

export interface StockState {
  touched: Set<string>;
  pushed: number;
}

export const stockFlow = defineFlow<StockState>({
  id: 'stock',
  usesMapping: false,
  initialState: () => ({ touched: new Set(), pushed: 0 }),
  steps: [readErpStockStep, pushStockStep],
});
