/**
 * Sync-run commands: request a run (manual), retry failed items, resolve failed items.
 * A run row is created first (QUEUED), then a JOB_RUN_FLOW job carrying its id is
 * enqueued for the scheduler; subscribers hear about it through syncRunUpdated.
 */
import { createRun, markItemsRetried, resolveItem } from '@megzo/db/repositories/runs.repo';
import type { FlowId, RunTrigger } from '@megzo/domain';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { ConflictError, InputError, NotFoundError, fromDb } from '../errors.ts';
import { audit } from './audit.ts';

const MAX_BULK = 500;

async function startRun(deps: AppDeps, p: Principal, integrationId: string, flow: FlowId, trigger: RunTrigger, itemIds?: string[]) {
  const integration = await deps.prisma.integration.findFirst({
    where: { id: integrationId, tenantId: p.tenantId },
    select: { id: true, enabled: true, flows: { where: { flow }, select: { enabled: true, mapping: { select: { publishedVersionId: true } } } } },
  });
  if (!integration) throw new NotFoundError('Integration', integrationId);
  if (!integration.enabled) throw new ConflictError('Integration is switched off: switch it on before running a sync');
  const flowRow = integration.flows[0];
  if (!flowRow) throw new ConflictError(`Flow ${flow} is not configured for this integration`);
  if (!flowRow.enabled) throw new ConflictError(`Flow ${flow} is switched off for this integration`);
  const run = await deps.prisma.$transaction(async (tx) => {
    const r = await createRun(tx, {
      tenantId: p.tenantId,
      integrationId,
      flow,
      trigger,
      mappingVersionId: flowRow.mapping?.publishedVersionId ?? null,
    });
    await audit(tx, p, trigger === 'retry' ? 'run.retry' : 'run.request', 'SyncRun', r.id, { flow, itemIds });
    return r;
  });
  await deps.jobs.enqueueRunFlow({ tenantId: p.tenantId, integrationId, flow, trigger, runId: run.id, itemIds });
  deps.metrics.syncRunsRequested.inc({ flow, trigger });
  await deps.events
    .publish('syncRunUpdated', { tenantId: p.tenantId, integrationId, runId: run.id, flow, status: 'queued', stage: null })
    .catch((err: unknown) => deps.logger.warn({ err }, 'could not publish syncRunUpdated'));
  return run;
}

export function requestSyncRun(deps: AppDeps, p: Principal, integrationId: string, flow: FlowId) {
  return startRun(deps, p, integrationId, flow, 'manual');
}

function checkIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new InputError('ids: must list at least one item', [{ path: 'ids', message: 'must list at least one item' }]);
  if (unique.length > MAX_BULK) throw new InputError(`ids: at most ${MAX_BULK} items at once`, [{ path: 'ids', message: `at most ${MAX_BULK}` }]);
  return unique;
}

/** Retry FAILED items: one retry run per (integration, flow) with the items' ids. Returns the new runs. */
export async function retryRunItems(deps: AppDeps, p: Principal, ids: readonly string[]) {
  const unique = checkIds(ids);
  const items = await deps.prisma.syncRunItem.findMany({
    where: { id: { in: unique }, run: { tenantId: p.tenantId } },
    select: { id: true, status: true, run: { select: { integrationId: true, flow: true } } },
  });
  const missing = unique.find((id) => !items.some((i) => i.id === id));
  if (missing) throw new NotFoundError('SyncRunItem', missing);
  const notFailed = items.find((i) => i.status !== 'FAILED');
  if (notFailed) throw new ConflictError(`Run item ${notFailed.id} is ${notFailed.status}; only FAILED items can be retried`);
  const groups = new Map<string, { integrationId: string; flow: FlowId; ids: string[] }>();
  for (const i of items) {
    const key = `${i.run.integrationId}:${i.run.flow}`;
    const g = groups.get(key) ?? { integrationId: i.run.integrationId, flow: i.run.flow as FlowId, ids: [] };
    g.ids.push(i.id);
    groups.set(key, g);
  }
  const runs = [];
  for (const g of groups.values()) {
    const marked = await markItemsRetried(deps.prisma, g.ids, { tenantId: p.tenantId });
    if (marked.length === 0) continue;
    runs.push(await startRun(deps, p, g.integrationId, g.flow, 'retry', marked.map((m) => m.id)));
  }
  return runs;
}

/** Mark FAILED items resolved by hand (all or nothing). */
export async function resolveRunItems(deps: AppDeps, p: Principal, ids: readonly string[], note?: string | null) {
  const unique = checkIds(ids);
  if (note && note.length > 2000) throw new InputError('note: at most 2000 characters', [{ path: 'note', message: 'at most 2000 characters' }]);
  const userId = p.kind === 'user' ? p.userId : null;
  return fromDb(() =>
    deps.prisma.$transaction(async (tx) => {
      const out = [];
      for (const id of unique) {
        out.push(await resolveItem(tx, id, userId, { tenantId: p.tenantId }, deps.now()));
        await audit(tx, p, 'runItem.resolve', 'SyncRunItem', id, note ? { note } : undefined);
      }
      return out;
    }),
  );
}
