/** Returns: channel cancellations/refunds/returns → reconciled in the ERP; ledger ↔ ERP check. */
import { defineFlow } from '../../engine/context.ts';
import { detectReturnsStep } from './steps/detect.step.ts';
import { ledgerCheckStep, reconcileReturnsStep } from './steps/reconcile.step.ts';

export interface ReturnsState {
  detected: number;
  reconciled: number;
}

export const returnsFlow = defineFlow<ReturnsState>({
  id: 'returns',
  usesMapping: false,
  initialState: () => ({ detected: 0, reconciled: 0 }),
  steps: [detectReturnsStep, reconcileReturnsStep, ledgerCheckStep],
});
