/** Invoices: the ERP's invoice PDF → checked, stored, attached where the channel can. */
import { defineFlow } from '../../engine/context.ts';
import { fetchInvoicesStep } from './steps/fetch-invoices.step.ts';

export interface InvoicesState {
  stored: number;
}

export const invoicesFlow = defineFlow<InvoicesState>({
  id: 'invoices',
  usesMapping: false,
  initialState: () => ({ stored: 0 }),
  steps: [fetchInvoicesStep],
});
