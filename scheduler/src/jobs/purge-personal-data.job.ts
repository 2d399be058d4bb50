/**
 * JOB_PURGE_PERSONAL_DATA: daily, for every tenant, erase customer personal data of
 * orders completed longer ago than the tenant's retention period (DESIGN.md invariant 6).
 * Thin: the rule lives in the orders repository.
 */
import { JOB_PURGE_PERSONAL_DATA } from '@megzo/domain';
import { purgeExpiredPersonalData } from '@megzo/db/repositories/orders.repo';
import type { JobDeps } from './deps.ts';

export async function purgePersonalData(deps: Pick<JobDeps, 'db' | 'clock' | 'log'>, now = deps.clock.now()): Promise<number> {
  const tenants = await deps.db.tenant.findMany({ select: { id: true } });
  let purged = 0;
  for (const t of tenants) {
    try {
      purged += (await purgeExpiredPersonalData(deps.db, t.id, now)).orders;
    } catch (e) {
      // One tenant's failure (e.g. deleted meanwhile) does not stop the others; tomorrow retries.
      deps.log.warn({ err: e, tenantId: t.id }, 'personal-data purge failed');
    }
  }
  if (purged > 0) deps.log.info({ orders: purged }, 'expired personal data purged');
  return purged;
}

export function definePurgePersonalDataJob(deps: JobDeps): void {
  deps.agenda.define(JOB_PURGE_PERSONAL_DATA, async () => {
    await purgePersonalData(deps);
  });
}
