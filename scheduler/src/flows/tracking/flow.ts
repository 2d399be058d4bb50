/** Tracking / AWB: courier shipment for ready orders → AWB on the ERP order → fulfil on the channel. */
import { defineFlow } from '../../engine/context.ts';
import { createShipmentsStep } from './steps/create-shipments.step.ts';
import { fulfilStep } from './steps/fulfil.step.ts';

export interface TrackingState {
  created: number;
  fulfilled: number;
}

export const trackingFlow = defineFlow<TrackingState>({
  id: 'tracking',
  usesMapping: false,
  initialState: () => ({ created: 0, fulfilled: 0 }),
  steps: [createShipmentsStep, fulfilStep],
});
