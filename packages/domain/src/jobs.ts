/** Agenda job names and payload schemas. The API enqueues, the scheduler runs. */
import { z } from 'zod';
import { FlowId, RunTrigger } from './flows.ts';

export const JOB_RUN_FLOW = 'run-flow';
export const JOB_HEARTBEAT = 'heartbeat';
export const JOB_RECOVER_STALE_RUNS = 'recover-stale-runs';
export const JOB_FETCH_FX_RATES = 'fetch-fx-rates';
export const JOB_PURGE_PERSONAL_DATA = 'purge-personal-data';

export const RunFlowPayload = z.object({
  tenantId: z.string(),
  integrationId: z.string(),
  flow: FlowId,
  trigger: RunTrigger,
  /** Set when a run row already exists (manual runs and retries create it first). */
  runId: z.string().optional(),
  /** For retries: the SyncRunItem ids to retry. */
  itemIds: z.array(z.string()).optional(),
});
export type RunFlowPayload = z.infer<typeof RunFlowPayload>;

/** Agenda unique key: at most one queued run per integration and flow (wake-ups coalesce). */
export function runFlowUniqueKey(p: Pick<RunFlowPayload, 'integrationId' | 'flow'>): string {
  return `${p.integrationId}:${p.flow}`;
}

/**
 * Where Agenda keeps its jobs. The API only enqueues (it never processes); the
 * scheduler defines and processes. Both must use the same table/collection.
 */
export const AGENDA_TABLE = 'agenda_jobs';
