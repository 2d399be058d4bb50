/**
 * The step runner: runs a flow's named steps in order on a claimed (RUNNING) run,
 * keeps its heartbeat, records the stage, sorts failures into the four categories,
 * and on shutdown stops between steps with the run put back to QUEUED.
 */
import { categorise, type IntegrationError, type RunStatus, TransientError } from '@megzo/domain';
import type { FlowContext, FlowDefinition, FlowOptions, IntegrationConnectors, Logger, Clock, EventPort } from './context.ts';
import type { Db } from './db.ts';
import type { LockManager } from './locks.ts';
import { RunReporter } from './runs.ts';

export interface RunFlowDeps {
  db: Db;
  connectors: IntegrationConnectors;
  clock: Clock;
  events: EventPort;
  locks: LockManager;
  log: Logger;
  signal: AbortSignal;
  options: FlowOptions;
  heartbeatMs: number;
  /** Called on every heartbeat (Agenda's job.touch()). */
  onHeartbeat?: () => Promise<void>;
  /** Test hook: SIGKILL this process right after the named step. */
  crashAfterStep?: string;
}

export interface RunFlowResult {
  status: RunStatus;
  error?: IntegrationError;
  /** For transient failures: when a retry makes sense. */
  retryAfterMs?: number;
}

interface ClaimedRun {
  id: string;
  tenantId: string;
  integrationId: string;
  flow: FlowDefinition<unknown>['id'];
  trigger: 'heartbeat' | 'manual' | 'wakeup' | 'retry';
  mappingVersionId: string | null;
  startedAt: Date | null;
}

/** Looks up the published version of the flow's mapping at the start of the run (no restart needed). */
async function pinMapping(db: Db, reporter: RunReporter): Promise<void> {
  const flowRow = await db.integrationFlow.findUnique({
    where: { integrationId_flow: { integrationId: reporter.integrationId, flow: reporter.flow } },
    select: { mapping: { select: { publishedVersionId: true } } },
  });
  let versionId = flowRow?.mapping?.publishedVersionId ?? null;
  if (!versionId) {
    // No mapping chosen on the flow: the tenant's mapping for this flow, if any.
    const m = await db.mapping.findFirst({
      where: { tenantId: reporter.tenantId, flow: reporter.flow, publishedVersionId: { not: null } },
      orderBy: { createdAt: 'asc' },
      select: { publishedVersionId: true },
    });
    versionId = m?.publishedVersionId ?? null;
  }
  if (versionId) await reporter.pinMapping(versionId);
}

export async function runFlow<S>(flow: FlowDefinition<S>, run: ClaimedRun, deps: RunFlowDeps): Promise<RunFlowResult> {
  const reporter = new RunReporter({ db: deps.db, events: deps.events, clock: deps.clock, log: deps.log }, run);
  const log = deps.log;
  await reporter.publish('running');
  const ctx: FlowContext = {
    db: deps.db,
    connectors: deps.connectors,
    clock: deps.clock,
    events: deps.events,
    locks: deps.locks,
    log,
    run: reporter,
    signal: deps.signal,
    options: deps.options,
  };
  const timer = setInterval(() => {
    void deps.db.syncRun
      .update({ where: { id: run.id }, data: { heartbeatAt: deps.clock.now() } })
      .then(() => deps.onHeartbeat?.())
      .catch((e: unknown) => log.warn({ err: e, runId: run.id }, 'heartbeat failed'));
  }, deps.heartbeatMs);
  timer.unref();

  try {
    if (flow.usesMapping && !run.mappingVersionId) await pinMapping(deps.db, reporter);
    const state = flow.initialState();
    for (const step of flow.steps) {
      if (deps.signal.aborted) {
        log.info({ runId: run.id, stage: step.id }, 'shutdown: run checkpointed and queued again');
        await reporter.finish('queued');
        return { status: 'queued' };
      }
      await reporter.setStage(step.id);
      await step.run(ctx, state);
      await reporter.checkpoint();
      if (deps.crashAfterStep === step.id) {
        log.warn({ step: step.id }, 'crash point reached: SIGKILL');
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      }
    }
    if (deps.signal.aborted && reporter.counters.failed === 0) {
      // The last step may have stopped early: run it again later.
      await reporter.finish('queued');
      return { status: 'queued' };
    }
    const status: RunStatus = reporter.counters.failed > 0 ? 'partial' : 'succeeded';
    await reporter.finish(status);
    return { status };
  } catch (e) {
    const error = categorise(e);
    log.error({ runId: run.id, stage: reporter.stage, err: error.toJSON() }, 'run failed');
    let retryAfterMs: number | undefined;
    if (error instanceof TransientError) {
      retryAfterMs = Math.max(error.retryAfterMs ?? 0, 5_000);
      await deps.db.syncRun
        .update({
          where: { id: run.id },
          data: { retryAfter: new Date(deps.clock.now().getTime() + retryAfterMs), throttleFailureCount: { increment: 1 } },
        })
        .catch(() => undefined);
    }
    await reporter.finish('failed', error);
    return { status: 'failed', error, retryAfterMs };
  } finally {
    clearInterval(timer);
  }
}
