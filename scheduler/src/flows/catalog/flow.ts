/** Catalog & prices: ERP items → mapped articles on every channel market. */
import { defineFlow } from '../../engine/context.ts';
import { fxRatesStep } from './steps/fx-rates.step.ts';
import { pollStatusesStep } from './steps/poll-statuses.step.ts';
import { publishStep } from './steps/publish.step.ts';
import { readProductsStep } from './steps/read-products.step.ts';

export interface CatalogState {
  startedAt: Date;
  changedProducts: number;
  /** connectionId → batch ids sent in this run. */
  batchIds: Map<string, string[]>;
  /** Marketplace requests sent (benchmark). */
  requests: number;
  /** Batches in a row that failed after the connector's retries. */
  consecutiveBatchFailures: number;
}

export const catalogFlow = defineFlow<CatalogState>({
  id: 'catalog',
  usesMapping: true,
  initialState: () => ({ startedAt: new Date(), changedProducts: 0, batchIds: new Map(), requests: 0, consecutiveBatchFailures: 0 }),
  steps: [readProductsStep, fxRatesStep, publishStep, pollStatusesStep],
});
