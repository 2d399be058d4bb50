/**
 * Runs a flow on a fresh RUNNING run without Agenda and without the per-flow lock:
 * lets tests fire many runs of the same flow at once to prove that the per-record
 * guards (unique keys, per-order locks, find-before-create) hold on their own.
 */
import type { FlowId } from '@megzo/domain';
import { DEFAULT_FLOW_OPTIONS, systemClock, type FlowDefinition } from '../engine/context.ts';
import { registryConnectorFactory } from '../engine/connector-factory.ts';
import { openIntegration } from '../engine/integration.ts';
import type { LockManager } from '../engine/locks.ts';
import { runFlow, type RunFlowResult } from '../engine/run-flow.ts';
import { FAST_FLOW_OPTIONS, testLog, type World } from './world.ts';

export async function runDirect(w: World, flow: FlowDefinition<unknown>, locks: LockManager): Promise<RunFlowResult & { runId: string }> {
  const db = w.db.prisma;
  const now = new Date();
  const run = await db.syncRun.create({
    data: { tenantId: w.tenantId, integrationId: w.integrationId, flow: flow.id as FlowId, trigger: 'manual', status: 'RUNNING', startedAt: now, heartbeatAt: now, workerId: 'direct' },
  });
  const connectors = await openIntegration(db, registryConnectorFactory(db), w.integrationId);
  try {
    const r = await runFlow(flow, { ...run, flow: run.flow as FlowId }, {
      db,
      connectors,
      clock: systemClock,
      events: w.bus,
      locks,
      log: testLog,
      signal: new AbortController().signal,
      options: { ...DEFAULT_FLOW_OPTIONS, ...FAST_FLOW_OPTIONS },
      heartbeatMs: 2000,
    });
    return { ...r, runId: run.id };
  } finally {
    await connectors.close();
  }
}
