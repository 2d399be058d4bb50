/**
 * JOB_HEARTBEAT: one repeating Agenda job per enabled (integration, flow), every
 * IntegrationFlow.intervalSeconds (default 300 s). Each beat requests a run,
 * jittered by ±HEARTBEAT_JITTER of the interval so integrations do not all hit
 * the vendors at the same second.
 */
import type { Job } from 'agenda';
import { z } from 'zod';
import { FlowId, JOB_HEARTBEAT } from '@megzo/domain';
import { requestRun } from '../engine/enqueue.ts';
import type { JobDeps } from './deps.ts';

export const HeartbeatPayload = z.object({
  tenantId: z.string(),
  integrationId: z.string(),
  flow: FlowId,
  intervalSeconds: z.number().int().positive(),
});
export type HeartbeatPayload = z.infer<typeof HeartbeatPayload>;

export function jitterMs(intervalSeconds: number, jitter: number, random: () => number = Math.random): number {
  // Only forward in time: a beat never fires before its slot.
  return Math.floor(random() * jitter * intervalSeconds * 1000);
}

export function defineHeartbeatJob(deps: JobDeps): void {
  deps.agenda.define(JOB_HEARTBEAT, async (job: Job<unknown>) => {
    const parsed = HeartbeatPayload.safeParse(job.attrs.data);
    if (!parsed.success) {
      deps.log.error({ issues: parsed.error.issues }, `${JOB_HEARTBEAT}: malformed payload`);
      return;
    }
    const p = parsed.data;
    const delay = jitterMs(p.intervalSeconds, deps.jitter);
    await requestRun(deps.db, deps.agenda, {
      tenantId: p.tenantId,
      integrationId: p.integrationId,
      flow: p.flow,
      trigger: 'heartbeat',
      at: delay > 0 ? new Date(deps.clock.now().getTime() + delay) : undefined,
    });
  });
}
