/**
 * JOB_RECOVER_STALE_RUNS: a RUNNING run whose heartbeat went silent and whose
 * flow lock is free lost its worker (crash, kill -9, lost host): it is marked
 * FAILED and a retry run is queued, which resumes from the persisted cursors and
 * bindings. A QUEUED run that no job carries any more gets a new job.
 */
import { JOB_RECOVER_STALE_RUNS, JOB_RUN_FLOW, SystemError, type FlowId } from '@megzo/domain';
import { requestRun } from '../engine/enqueue.ts';
import { flowLockKey } from '../engine/locks.ts';
import { transition } from '../engine/runs.ts';
import type { JobDeps } from './deps.ts';

export interface RecoveryResult {
  failed: string[];
  requeued: string[];
}

export async function recoverStaleRuns(deps: JobDeps): Promise<RecoveryResult> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.staleRunMs);
  const result: RecoveryResult = { failed: [], requeued: [] };

  const stale = await deps.db.syncRun.findMany({
    where: { status: 'RUNNING', OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, startedAt: { lt: cutoff } }] },
  });
  for (const run of stale) {
    if (await deps.locks.isHeld(flowLockKey(run.integrationId, run.flow))) continue; // its worker is alive
    const error = new SystemError({
      message: 'The worker running this sync stopped responding; the sync was restarted.',
      code: 'WORKER_LOST',
      internalMessage: `no heartbeat since ${run.heartbeatAt?.toISOString() ?? 'start'} (worker ${run.workerId ?? '?'})`,
    });
    const ok = await transition(deps.db, run.id, 'running', 'failed', { finishedAt: now, error: error.toJSON() as object });
    if (!ok) continue;
    result.failed.push(run.id);
    await deps.events
      .publish('syncRunUpdated', { tenantId: run.tenantId, integrationId: run.integrationId, runId: run.id, flow: run.flow as FlowId, status: 'failed', stage: run.stage })
      .catch(() => undefined);
    await requestRun(deps.db, deps.agenda, { tenantId: run.tenantId, integrationId: run.integrationId, flow: run.flow as FlowId, trigger: 'retry' });
  }

  const orphans = await deps.db.syncRun.findMany({
    where: { status: 'QUEUED', createdAt: { lt: cutoff }, OR: [{ retryAfter: null }, { retryAfter: { lt: now } }] },
    select: { id: true, tenantId: true, integrationId: true, flow: true, trigger: true },
  });
  for (const r of orphans) {
    if (await deps.locks.isHeld(flowLockKey(r.integrationId, r.flow))) continue; // the holder hands over when done
    await deps.agenda.now(JOB_RUN_FLOW, { tenantId: r.tenantId, integrationId: r.integrationId, flow: r.flow, trigger: r.trigger, runId: r.id });
    result.requeued.push(r.id);
  }
  if (result.failed.length || result.requeued.length) deps.log.warn(result, 'stale runs recovered');
  return result;
}

export function defineRecoverStaleRunsJob(deps: JobDeps): void {
  deps.agenda.define(JOB_RECOVER_STALE_RUNS, async () => {
    await recoverStaleRuns(deps);
  });
}
