import { z } from 'zod';

/** The six flows of DESIGN.md. Ids are stored in runs and schedules: never rename. */
export const FlowId = z.enum(['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns']);
export type FlowId = z.infer<typeof FlowId>;
export const FLOWS: readonly FlowId[] = FlowId.options;

export const RunStatus = z.enum(['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunTrigger = z.enum(['heartbeat', 'manual', 'wakeup', 'retry']);
export type RunTrigger = z.infer<typeof RunTrigger>;
