/**
 * Keeps one heartbeat job per enabled IntegrationFlow, with its interval; removes
 * the jobs of disabled or deleted flows. Runs at start-up and every
 * SCHEDULE_REFRESH_SECONDS, so integrations added later are picked up.
 */
import { JOB_HEARTBEAT, type FlowId } from '@megzo/domain';
import { HeartbeatPayload } from './heartbeat.job.ts';
import { jitterMs } from './heartbeat.job.ts';
import type { JobDeps } from './deps.ts';

export interface ScheduleSyncResult {
  created: number;
  updated: number;
  removed: number;
}

const keyOf = (integrationId: string, flow: string) => `${integrationId}:${flow}`;

export async function syncSchedules(deps: JobDeps): Promise<ScheduleSyncResult> {
  const wanted = await deps.db.integrationFlow.findMany({
    where: { enabled: true, integration: { enabled: true } },
    select: { integrationId: true, flow: true, intervalSeconds: true, integration: { select: { tenantId: true } } },
  });
  const want = new Map(wanted.map((f) => [keyOf(f.integrationId, f.flow), f]));
  const { jobs } = await deps.agenda.queryJobs({ name: JOB_HEARTBEAT, includeDisabled: true, limit: 100_000 });
  const result: ScheduleSyncResult = { created: 0, updated: 0, removed: 0 };
  const seen = new Set<string>();
  for (const j of jobs) {
    const parsed = HeartbeatPayload.safeParse(j.data);
    const key = parsed.success ? keyOf(parsed.data.integrationId, parsed.data.flow) : '';
    const target = want.get(key);
    if (!parsed.success || !target || seen.has(key)) {
      // Malformed, no longer wanted, or a duplicate from a concurrent worker.
      await deps.agenda.cancel({ id: j._id });
      result.removed++;
      continue;
    }
    seen.add(key);
    const interval = target.intervalSeconds > 0 ? target.intervalSeconds : deps.defaultIntervalSeconds;
    if (parsed.data.intervalSeconds !== interval) {
      await deps.agenda.cancel({ id: j._id });
      seen.delete(key); // recreated below with the new interval
      result.updated++;
    }
  }
  for (const [key, f] of want) {
    if (seen.has(key)) continue;
    const interval = f.intervalSeconds > 0 ? f.intervalSeconds : deps.defaultIntervalSeconds;
    const data: HeartbeatPayload = { tenantId: f.integration.tenantId, integrationId: f.integrationId, flow: f.flow as FlowId, intervalSeconds: interval };
    const job = deps.agenda.create(JOB_HEARTBEAT, data);
    job.unique({ 'data.integrationId': f.integrationId, 'data.flow': f.flow }, { insertOnly: true });
    job.repeatEvery(`${interval} seconds`, { skipImmediate: true });
    // Phase jitter: integrations created together do not beat together.
    job.schedule(new Date(deps.clock.now().getTime() + interval * 1000 + jitterMs(interval, deps.jitter)));
    await job.save();
    result.created++;
  }
  return result;
}
