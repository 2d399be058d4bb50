/**
 * JOB_RUN_FLOW: parse → lock (integration, flow) → claim the QUEUED run → run the
 * flow → hand over any run queued meanwhile. Thin on purpose (STYLE.md §12).
 */
import type { Job } from 'agenda';
import { categorise, JOB_RUN_FLOW, RunFlowPayload } from '@megzo/domain';
import { ensureQueuedRun, requestRun } from '../engine/enqueue.ts';
import { openIntegration } from '../engine/integration.ts';
import { flowLockKey } from '../engine/locks.ts';
import { runFlow } from '../engine/run-flow.ts';
import { RunReporter, transition } from '../engine/runs.ts';
import type { JobDeps } from './deps.ts';

export function defineRunFlowJob(deps: JobDeps, concurrency: number): void {
  deps.agenda.define(JOB_RUN_FLOW, (job: Job<unknown>) => handleRunFlow(deps, job), { concurrency, lockLifetime: Math.max(60_000, deps.staleRunMs) });
}

export async function handleRunFlow(deps: JobDeps, job: Job<unknown> | null, data?: unknown): Promise<void> {
  const parsed = RunFlowPayload.safeParse(data ?? job?.attrs.data);
  if (!parsed.success) {
    deps.log.error({ issues: parsed.error.issues }, `${JOB_RUN_FLOW}: malformed payload dropped`);
    return;
  }
  const p = parsed.data;
  const flow = deps.flows[p.flow];
  if (!flow) {
    deps.log.error({ flow: p.flow }, `${JOB_RUN_FLOW}: no such flow in this scheduler`);
    return;
  }
  // The API may enqueue without a run row: create or join the queued one.
  const runId = p.runId ?? (await ensureQueuedRun(deps.db, { ...p })).runId;

  const lock = await deps.locks.tryAcquire(flowLockKey(p.integrationId, p.flow));
  if (!lock) {
    // Another worker runs this flow; it picks up queued runs when it finishes.
    deps.log.debug({ runId, flow: p.flow }, 'flow busy elsewhere; run stays queued');
    return;
  }
  try {
    const row = await deps.db.syncRun.findUnique({ where: { id: runId } });
    if (!row || row.status !== 'QUEUED') return; // already handled: idempotent
    const now = deps.clock.now();
    // A retry waits for its Retry-After; its own scheduled job will come.
    if (row.retryAfter && row.retryAfter.getTime() > now.getTime() && p.trigger !== 'manual') return;
    const claimed = await transition(deps.db, runId, 'queued', 'running', { startedAt: now, heartbeatAt: now, workerId: deps.workerId });
    if (!claimed) return;
    const run = { ...row, startedAt: now };

    const [integration, flowRow] = await Promise.all([
      deps.db.integration.findUnique({ where: { id: p.integrationId }, select: { enabled: true } }),
      deps.db.integrationFlow.findUnique({ where: { integrationId_flow: { integrationId: p.integrationId, flow: p.flow } }, select: { enabled: true } }),
    ]);
    if (!integration?.enabled || flowRow?.enabled === false) {
      const reporter = new RunReporter(deps, run);
      await reporter.finish('cancelled');
      return;
    }

    let connectors;
    try {
      connectors = await openIntegration(deps.db, deps.factory, p.integrationId);
    } catch (e) {
      const reporter = new RunReporter(deps, run);
      await reporter.finish('failed', categorise(e));
      return;
    }
    try {
      const result = await runFlow(flow, run, {
        db: deps.db,
        connectors,
        clock: deps.clock,
        events: deps.events,
        locks: deps.locks,
        log: deps.log,
        signal: deps.signal,
        options: deps.flowOptions,
        heartbeatMs: deps.runHeartbeatMs,
        onHeartbeat: job ? async () => void (await job.touch()) : undefined,
        crashAfterStep: deps.crashAfterStep,
      });
      await deps.db.integrationFlow
        .updateMany({ where: { integrationId: p.integrationId, flow: p.flow }, data: { lastRunAt: deps.clock.now() } })
        .catch(() => undefined);
      if (result.status === 'failed' && result.retryAfterMs !== undefined) {
        await requestRun(deps.db, deps.agenda, { ...p, trigger: 'retry', at: new Date(deps.clock.now().getTime() + result.retryAfterMs) });
      }
    } finally {
      await connectors.close();
    }
  } finally {
    await lock.release();
    await handOver(deps, p.integrationId, p.flow);
  }
}

/** A run queued while this one ran (a wake-up, a retry, a shutdown) gets its job now. */
async function handOver(deps: JobDeps, integrationId: string, flow: RunFlowPayload['flow']): Promise<void> {
  try {
    const next = await deps.db.syncRun.findFirst({ where: { integrationId, flow, status: 'QUEUED' }, orderBy: { createdAt: 'asc' } });
    if (!next) return;
    const data = { tenantId: next.tenantId, integrationId, flow, trigger: next.trigger, runId: next.id };
    if (next.retryAfter && next.retryAfter.getTime() > deps.clock.now().getTime()) await deps.agenda.schedule(next.retryAfter, JOB_RUN_FLOW, data);
    else await deps.agenda.now(JOB_RUN_FLOW, data);
  } catch (e) {
    deps.log.warn({ err: e }, 'hand-over of a queued run failed; stale-run recovery will retry');
  }
}
