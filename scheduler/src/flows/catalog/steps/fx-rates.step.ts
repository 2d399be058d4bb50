/**
 * catalog.fx-rates: prices are converted with the rates of the run's own date.
 * When the database has no fixing for that date yet, the integration's FX source
 * (BNR) is asked, then any other FX connection of the tenant (ECB) as fallback.
 */
import type { FxConnectorInstance } from '@megzo/connectors/contract/kinds';
import type { Step } from '../../../engine/context.ts';
import { fetchAndStoreRates } from '../../../engine/fx.ts';
import type { CatalogState } from '../flow.ts';

export const fxRatesStep: Step<CatalogState> = {
  id: 'catalog.fx-rates',
  async run(ctx) {
    const have = await ctx.db.fxRate.count({ where: { date: { lte: new Date(`${ctx.run.date}T00:00:00Z`), gte: new Date(Date.parse(`${ctx.run.date}T00:00:00Z`) - 4 * 86_400_000) } } });
    if (have > 0) return;
    const primary: FxConnectorInstance | undefined = ctx.connectors.fx?.api;
    const r = await fetchAndStoreRates(ctx.db, { primary, fallback: ctx.connectors.fxFallback?.api }, ctx.run.date, ctx.log);
    if (!r.source) ctx.log.warn({ runId: ctx.run.id, date: ctx.run.date }, 'no FX rates for the run date; foreign-currency prices will be listed as errors');
    else ctx.log.info({ runId: ctx.run.id, ...r }, 'FX rates stored');
  },
};
