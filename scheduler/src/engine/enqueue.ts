/**
 * Enqueueing runs. A run request (heartbeat, wake-up, manual, retry) becomes a
 * QUEUED SyncRun plus an Agenda job — unless a run of the same integration and
 * flow is already queued, in which case the request coalesces into it.
 * The API may also call `agenda.now(JOB_RUN_FLOW, payload)` directly: the job
 * handler applies the same coalescing (src/jobs/run-flow.job.ts).
 */
import type { Agenda } from 'agenda';
import { JOB_RUN_FLOW, type FlowId, type RunFlowPayload, type RunTrigger } from '@megzo/domain';
import type { Db } from './db.ts';

export interface RequestRunInput {
  tenantId: string;
  integrationId: string;
  flow: FlowId;
  trigger: RunTrigger;
  /** Run later (retries after Retry-After, jittered heartbeats). */
  at?: Date;
}

export interface RequestRunResult {
  runId: string;
  coalesced: boolean;
}

/**
 * Finds the queued run of (integration, flow) or creates one, serialised by a
 * transaction-scoped advisory lock so concurrent requests from several
 * processes produce one queued run.
 */
export async function ensureQueuedRun(db: Db, input: RequestRunInput): Promise<RequestRunResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`enqueue:${input.integrationId}:${input.flow}`}, 0))`;
    const queued = await tx.syncRun.findFirst({
      where: { integrationId: input.integrationId, flow: input.flow, status: 'QUEUED' },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    if (queued) return { runId: queued.id, coalesced: true };
    const run = await tx.syncRun.create({
      data: {
        tenantId: input.tenantId,
        integrationId: input.integrationId,
        flow: input.flow,
        trigger: input.trigger,
        status: 'QUEUED',
        retryAfter: input.at ?? null,
      },
      select: { id: true },
    });
    return { runId: run.id, coalesced: false };
  });
}

export async function requestRun(db: Db, agenda: Agenda, input: RequestRunInput): Promise<RequestRunResult> {
  const r = await ensureQueuedRun(db, input);
  if (r.coalesced && !input.at) return r;
  const payload: RunFlowPayload = {
    tenantId: input.tenantId,
    integrationId: input.integrationId,
    flow: input.flow,
    trigger: input.trigger,
    runId: r.runId,
  };
  if (input.at && input.at.getTime() > Date.now()) await agenda.schedule(input.at, JOB_RUN_FLOW, payload);
  else await agenda.now(JOB_RUN_FLOW, payload);
  return r;
}
