/**
 * JOB_FETCH_FX_RATES: daily, for every integration with an FX connection, fetch
 * the day's rates (BNR; another FX connection of the tenant, e.g. ECB, as
 * fallback) and store them with their date.
 */
import { JOB_FETCH_FX_RATES } from '@megzo/domain';
import type { FxConnectorInstance } from '@megzo/connectors/contract/kinds';
import { fetchAndStoreRates } from '../engine/fx.ts';
import type { JobDeps } from './deps.ts';

export async function fetchFxRates(deps: JobDeps, date = deps.clock.now().toISOString().slice(0, 10)): Promise<number> {
  const integrations = await deps.db.integration.findMany({ where: { enabled: true, fxConnectionId: { not: null } }, select: { tenantId: true, fxConnectionId: true } });
  const done = new Set<string>();
  let stored = 0;
  for (const i of integrations) {
    if (!i.fxConnectionId || done.has(i.fxConnectionId)) continue;
    done.add(i.fxConnectionId);
    const primary = await deps.factory.open(i.fxConnectionId);
    const other = await deps.db.connection.findFirst({ where: { tenantId: i.tenantId, id: { not: i.fxConnectionId }, connectorId: { startsWith: 'fx-' } }, select: { id: true } });
    const fallback = other ? await deps.factory.open(other.id).catch(() => undefined) : undefined;
    try {
      const r = await fetchAndStoreRates(
        deps.db,
        { primary: primary.instance as FxConnectorInstance, fallback: fallback?.instance as FxConnectorInstance | undefined },
        date,
        deps.log,
      );
      stored += r.stored;
      deps.log.info({ date, ...r }, 'FX rates fetched');
    } finally {
      await primary.instance.close();
      await fallback?.instance.close();
    }
  }
  return stored;
}

export function defineFetchFxRatesJob(deps: JobDeps): void {
  deps.agenda.define(JOB_FETCH_FX_RATES, async () => {
    await fetchFxRates(deps);
  });
}
