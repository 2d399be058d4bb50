/**
 * stock.push: reconciles every channel against the ERP quantities and against
 * what was last pushed; only differences are sent.
 */
import type { Step } from '../../../engine/context.ts';
import { pushQuantities } from '../push.ts';
import type { StockState } from '../flow.ts';

export const pushStockStep: Step<StockState> = {
  id: 'stock.push',
  async run(ctx, state) {
    const r = await pushQuantities(ctx, ctx.connectors.channels, null);
    state.pushed = r.pushed;
    ctx.run.count('skipped', r.unchanged);
  },
};
