/**
 * catalog.poll-statuses: the marketplace imports articles asynchronously. Polls
 * the batches sent in this run (and, by SKU, articles left unconfirmed by an
 * earlier run) until none is pending or the poll budget is spent. A rejected
 * article is listed with its error code and published again on the next run.
 */
import { RecordError } from '@megzo/domain';
import type { ProcessingStatus } from '@megzo/connectors/contract/kinds';
import type { ChannelPort, FlowContext, Step } from '../../../engine/context.ts';
import { clearBindingHashes, setListingStatus } from '../sql.ts';
import type { CatalogState } from '../flow.ts';
import { ARTICLE } from './publish.step.ts';

/** SKU → product id for one page of statuses (no per-run map of every article sent). */
async function productIds(ctx: FlowContext, statuses: ProcessingStatus[]): Promise<Map<string, string>> {
  const skus = [...new Set(statuses.filter((s) => s.status !== 'pending').map((s) => s.sku))];
  if (skus.length === 0) return new Map();
  const rows = await ctx.db.product.findMany({ where: { tenantId: ctx.run.tenantId, sku: { in: skus } }, select: { id: true, sku: true } });
  return new Map(rows.map((r) => [r.sku, r.id]));
}

async function settle(ctx: FlowContext, channel: ChannelPort, statuses: ProcessingStatus[], productOf: (sku: string) => string | undefined): Promise<Set<string>> {
  const done = new Set<string>();
  const ok: string[] = [];
  const failedUpdates: string[] = [];
  const failedCreates: string[] = [];
  for (const s of statuses) {
    if (s.status === 'pending') continue;
    const productId = productOf(s.sku);
    done.add(s.sku);
    if (!productId) continue;
    if (s.status === 'ok') {
      ok.push(productId);
      continue;
    }
    const code = s.errorCodes.join(',') || 'failed';
    (s.action.includes('create') || s.errorCodes.includes('article_does_not_exist') ? failedCreates : failedUpdates).push(productId);
    ctx.run.count('failed');
    ctx.run.item({
      recordKey: s.sku,
      action: s.action,
      status: 'FAILED',
      error: new RecordError({ message: `The marketplace rejected ${s.sku}: ${code}`, code, recordKey: s.sku, source: channel.connectorId }),
      payload: s,
    });
    await setListingStatus(ctx.db, channel.connectionId, [productId], 'error', code);
  }
  await setListingStatus(ctx.db, channel.connectionId, ok, 'listed', null);
  // A failed create leaves nothing to update: forget the binding so the next run creates again.
  if (failedCreates.length) {
    await ctx.db.externalBinding.deleteMany({ where: { connectionId: channel.connectionId, entityType: ARTICLE, internalId: { in: failedCreates } } });
  }
  await clearBindingHashes(ctx.db, channel.connectionId, ARTICLE, failedUpdates);
  return done;
}

export const pollStatusesStep: Step<CatalogState> = {
  id: 'catalog.poll-statuses',
  async run(ctx, state) {
    for (const channel of ctx.connectors.channels) {
      // Articles of earlier runs still unconfirmed (e.g. the worker stopped mid-poll).
      const earlier = await ctx.db.listing.findMany({
        where: { connectionId: channel.connectionId, status: 'submitted', updatedAt: { lt: state.startedAt } },
        select: { productId: true, product: { select: { sku: true } } },
        distinct: ['productId'],
        take: 5000,
      });
      if (earlier.length) {
        const bySku = new Map(earlier.map((l) => [l.product.sku, l.productId]));
        const skus = [...bySku.keys()];
        for (let i = 0; i < skus.length; i += 500) {
          const statuses = await channel.api.statusesBySku(skus.slice(i, i + 500));
          await settle(ctx, channel, statuses, (sku) => bySku.get(sku));
        }
      }

      let pending = [...new Set(state.batchIds.get(channel.connectionId) ?? [])];
      const deadline = ctx.clock.now().getTime() + ctx.options.statusPollTimeoutMs;
      while (pending.length > 0 && !ctx.signal.aborted) {
        const still: string[] = [];
        for (let i = 0; i < pending.length; i += 50) {
          const ids = pending.slice(i, i + 50);
          const statuses = await channel.api.pollStatuses(ids);
          const byPage = await productIds(ctx, statuses);
          await settle(ctx, channel, statuses, (sku) => byPage.get(sku));
          for (const id of ids) {
            const mine = statuses.filter((s) => s.batchId === id);
            if (mine.length === 0 || mine.some((s) => s.status === 'pending')) still.push(id);
          }
        }
        pending = still;
        await ctx.run.checkpoint();
        if (pending.length === 0 || ctx.clock.now().getTime() >= deadline) break;
        await ctx.clock.sleep(ctx.options.statusPollIntervalMs, ctx.signal);
      }
      if (pending.length) ctx.log.info({ runId: ctx.run.id, pending: pending.length }, 'batches still pending; the next run confirms them by SKU');
    }
  },
};
