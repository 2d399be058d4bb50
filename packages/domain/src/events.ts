/**
 * The typed event map: every event the scheduler (or a command) publishes and the
 * API's subscriptions consume. Payloads carry ids; subscribers re-read the rows.
 * Channel names are stable: they cross processes (PostgreSQL NOTIFY / Redis).
 */
import { z } from 'zod';
import { FlowId, RunStatus } from './flows.ts';

export const EventPayloads = {
  syncRunUpdated: z.object({
    tenantId: z.string(),
    integrationId: z.string(),
    runId: z.string(),
    flow: FlowId,
    status: RunStatus,
    stage: z.string().nullable().optional(),
  }),
  orderUpdated: z.object({
    tenantId: z.string(),
    integrationId: z.string(),
    orderId: z.string(),
    status: z.string(),
  }),
  integrationHealth: z.object({
    tenantId: z.string(),
    integrationId: z.string(),
  }),
  mappingPublished: z.object({
    tenantId: z.string(),
    mappingId: z.string(),
    versionId: z.string(),
  }),
  wakeUp: z.object({
    tenantId: z.string(),
    integrationId: z.string(),
    flow: FlowId,
    reason: z.string(),
  }),
} as const;

export type EventName = keyof typeof EventPayloads;
export type EventPayload<K extends EventName> = z.infer<(typeof EventPayloads)[K]>;
export const EVENT_NAMES = Object.keys(EventPayloads) as EventName[];

export function parseEvent<K extends EventName>(name: K, payload: unknown): EventPayload<K> {
  return EventPayloads[name].parse(payload) as EventPayload<K>;
}
